/**
 * Reading phone numbers as people type them and keeping only Brazilian mobiles.
 *
 * <p>Choices: libphonenumber reads the text (it already knows "+55", "055", the trunk "0", carrier-selection
 * codes like "0 21" and "0xx", and full-width digits); we only turn its verdict into a
 * {@link dev.torpedo.sms.impl.phone.PhoneRejection} that says what to fix. Two reasons go beyond "invalid"
 * because they are the commonest mistakes: a mobile typed without its DDD, and an old 8-digit mobile typed
 * without the 9. libphonenumber's vanity-letter conversion and its tolerance of trailing text
 * ("ramal 12", "celular 11 9...") are kept as it does them.
 */
package dev.torpedo.sms.impl.phone;
