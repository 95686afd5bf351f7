/**
 * The sandbox gateway: messages "sent" land in a table that the demo's phone inbox shows.
 */
package dev.torpedo.sms.impl.gateway.sandbox;
