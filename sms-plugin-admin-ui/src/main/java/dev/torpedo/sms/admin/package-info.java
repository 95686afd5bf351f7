/**
 * The merchant admin of the Torpedo SMS plugin: pages, FreeMarker macros and their services, one sub-package per
 * page. A host imports {@link dev.torpedo.sms.admin.TorpedoSmsAdminConfiguration} and implements the api's
 * {@code SmsAdminAccessPolicy} and {@code ManagedStores}. The services are public so that a host can embed a
 * section in a page of its own; everything else is the plugin's business.
 */
package dev.torpedo.sms.admin;
