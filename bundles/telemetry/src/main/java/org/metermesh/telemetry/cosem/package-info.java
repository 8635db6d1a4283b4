/**
 * DLMS/COSEM application data for MeterMesh: OBIS codes, the COSEM {@code Data} types and their A-XDR encoding, the
 * COSEM date-time, and the unciphered xDLMS APDUs exchanged between meters and the gateway. Plain Java: no OSGi,
 * no threads, no I/O; private to the telemetry bundle (the simulator uses it as a library).
 *
 * <h2>Standards</h2>
 * <ul>
 *   <li>OBIS codes: IEC 62056-6-1 / DLMS UA 1000-1 (Blue Book) part 1 - {@link org.metermesh.telemetry.cosem.ObisCode}.
 *   <li>Data types and their tags: IEC 62056-6-2 / Blue Book 4.1.5; date-time: Blue Book 4.1.6.1 -
 *       {@link org.metermesh.telemetry.cosem.CosemData}, {@link org.metermesh.telemetry.cosem.CosemDateTime}.
 *   <li>xDLMS APDUs and A-XDR: IEC 62056-5-3 / DLMS UA 1000-2 (Green Book) 9.5 -
 *       {@link org.metermesh.telemetry.cosem.Apdu}, {@link org.metermesh.telemetry.cosem.ApduCodec}.
 * </ul>
 *
 * <h2>A-XDR Data encoding</h2>
 * A tag octet, then:
 * <pre>
 * tag  type                  content
 *  0   null-data             nothing
 *  1   array                 length(count), count x Data
 *  2   structure             length(count), count x Data
 *  3   boolean               1 octet (0 false, else true)
 *  4   bit-string            length(bits), ceil(bits/8) octets
 *  5   double-long           4 octets signed        6  double-long-unsigned  4 octets
 *  9   octet-string          length, octets        10  visible-string        length, ASCII 0x20..0x7E
 * 12   utf8-string           length, UTF-8         13  bcd                   1 octet
 * 15   integer               1 octet signed        16  long                  2 octets signed
 * 17   unsigned              1 octet               18  long-unsigned         2 octets
 * 20   long64                8 octets signed       21  long64-unsigned       8 octets
 * 22   enum                  1 octet               23  float32 / 24 float64  IEEE 754, big-endian
 * </pre>
 * {@code length} is the A-XDR variable-length integer: one octet 0..127, or {@code 0x80|n} followed by n (1..4)
 * big-endian octets. All multi-octet integers are big-endian.
 *
 * <h2>APDUs</h2>
 * See {@link org.metermesh.telemetry.cosem.ApduCodec} for the octet layout of data-notification (0x0F),
 * get-request/response-normal (0xC0/0xC4 0x01), set-request/response-normal (0xC1/0xC5 0x01),
 * action-request/response-normal (0xC3/0xC7 0x01) and exception-response (0xD8).
 *
 * <h2>Ciphering</h2>
 * {@link org.metermesh.telemetry.cosem.ApduCodec} handles plain APDUs only. Protection (general-glo-ciphering, 0xDB,
 * Green Book 9.2.7) is a separate layer that encrypts the octets {@code ApduCodec.encode} produces and hands the
 * decrypted octets to {@code ApduCodec.decode}; ciphered tags reaching the plain codec are rejected as
 * {@link org.metermesh.telemetry.cosem.CosemRejection#UNSUPPORTED_APDU}.
 *
 * <h2>Bad input</h2>
 * Decoding never throws. It returns {@link org.metermesh.telemetry.cosem.DecodeResult.Rejected} with a
 * {@link org.metermesh.telemetry.cosem.CosemRejection}, the octet offset and a detail text, and it is bounded by
 * {@link org.metermesh.telemetry.cosem.DecodeLimits} (nesting depth, element count, string length) and the codec's
 * maximum APDU size.
 */
package org.metermesh.telemetry.cosem;
