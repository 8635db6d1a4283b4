/**
 * MeterMesh's meter message model, shared by meter firmware (the simulated meters) and the gateway: the five message
 * classes of seed 003 section V, registers with DLMS units, warnings with event codes, and their mapping to the
 * xDLMS APDUs of {@link org.metermesh.telemetry.cosem}. The APDUs are CoAP payloads on UDP 61616; this package only
 * produces and consumes their octets. Plain Java, sans-I/O; private to the telemetry bundle.
 *
 * <h2>Message classes</h2>
 * <pre>
 * class    code  category            direction                  must not be lost  publish rank
 * CONTROL   1    operation           gateway action, meter reply        yes             1
 * REQUEST   2    operation           gateway get, meter reply           yes             1
 * BILLING   3    non-operation       meter push                         yes             2
 * USAGE     4    non-operation       meter push                         no              3
 * WARNING   5    asynchronous event  meter push                         yes             0 (first)
 * </pre>
 * "Must not be lost" means CoAP confirmable and durable queueing; only USAGE bulk readings go non-confirmable, since
 * the next reading supersedes a lost one.
 *
 * <h2>Pushed messages: data-notification</h2>
 * A meter pushes {@link org.metermesh.telemetry.meter.MeterMessage.UsageReading},
 * {@link org.metermesh.telemetry.meter.MeterMessage.BillingSnapshot} and
 * {@link org.metermesh.telemetry.meter.MeterMessage.Warning} as a data-notification (0x0F):
 * <pre>
 * long-invoke-id-and-priority  the meter's notification counter (24 bits, wraps); priority bit set for WARNING;
 *                              service-class unconfirmed (the data-notification service is unconfirmed)
 * date-time                    the message time in UTC (12 octets, deviation 0, clock status 0); informative,
 *                              the body's time is authoritative
 * notification-body            the MeterMesh body below
 * </pre>
 * The body, version 1 (A-XDR type in brackets, Blue Book names):
 * <pre>
 * USAGE    structure(5) {
 *            [unsigned]              version = 1
 *            [enum]                  message-class = 4
 *            [octet-string(12)]      meter time, COSEM date-time
 *            [double-long-unsigned]  interval in seconds, at least 1
 *            [array]                 registers: 0..n register entries
 *          }
 * BILLING  structure(4) {
 *            [unsigned] version = 1, [enum] message-class = 3, [octet-string(12)] billing period end,
 *            [array] registers
 *          }
 * WARNING  structure(5) {
 *            [unsigned] version = 1, [enum] message-class = 5, [octet-string(12)] event time,
 *            [long-unsigned] event code (WarningType, IDIS codes where they exist),
 *            [array] 0 or 1 register entry: the measured value, e.g. the voltage for OVER_VOLTAGE
 *          }
 * register entry  structure(4) {
 *            [octet-string(6)]  OBIS code
 *            value              an integer type: the encoder writes double-long-unsigned for 0..2^32-1,
 *                               double-long for other 32-bit values, long64 beyond; the decoder accepts integer,
 *                               long, double-long, long64, unsigned, long-unsigned, double-long-unsigned and
 *                               long64-unsigned up to 2^63-1
 *            [integer]          scaler: value x 10^scaler
 *            [enum]             unit, DLMS unit code (Blue Book 4.3.2): Wh 30, varh 32, W 27, var 29, V 35, A 33,
 *                               Hz 44, count 255 ...
 *          }
 * </pre>
 * Example, a 15-minute usage reading of 1-0:1.8.0.255 = 12345678 Wh:
 * <pre>
 * 0F 00000002 0C &lt;date-time&gt;
 *    02 05  11 01  16 04  09 0C &lt;date-time&gt;  06 00000384
 *           01 01  02 04  09 06 0100010800FF  06 00BC614E  0F 00  16 1E
 * </pre>
 * {@link org.metermesh.telemetry.meter.MeterMessageCodec#decode(byte[])} rejects anything else with a typed
 * {@link org.metermesh.telemetry.meter.MessageRejection}.
 *
 * <h2>Gateway requests and replies</h2>
 * <ul>
 *   <li>REQUEST, on-demand read ({@link org.metermesh.telemetry.meter.RegisterRead}): per register a
 *       get-request-normal for Register (class-id 3) attribute 2 value and one for attribute 3 scaler_unit
 *       (structure{integer scaler, enum unit}); the get-responses give a
 *       {@link org.metermesh.telemetry.meter.MeterMessage.ReadResult}, per register the reading or the error (the
 *       meter's data-access-result, an unexpected value, a malformed answer, no answer).
 *   <li>CONTROL ({@link org.metermesh.telemetry.meter.ControlCommand}): action-request-normal on Disconnect control
 *       (class-id 70, 0-0:96.3.10.255), method 1 remote_disconnect or 2 remote_reconnect, parameter integer(0);
 *       the action-response gives a {@link org.metermesh.telemetry.meter.MeterMessage.ControlResult}.
 * </ul>
 * The meter side is {@link org.metermesh.telemetry.meter.MeterAgent}: it answers get/set/action requests from its
 * registers, clock and supply switch, and builds the pushed notifications.
 */
package org.metermesh.telemetry.meter;
