/**
 * LGPD retention and removal on request: see {@link dev.torpedo.sms.impl.retention.RetentionJob}.
 */
package dev.torpedo.sms.impl.retention;
