/**
 * {@code /system backup}: a binary backup of the whole router in its files, and its restore.
 *
 * <ol>
 *   <li>{@link rose.appliance.backup.SystemBackup} runs {@code save} and {@code load};</li>
 *   <li>{@link rose.appliance.backup.BackupContents} says what is kept (the configuration
 *       database as one snapshot, the password seal key, certificates and their keys, the SSH host
 *       key, the TLS key) and applies a staged restore at the next start;</li>
 *   <li>{@link rose.appliance.backup.BackupPayload} is the inside (named entries) and
 *       {@link rose.appliance.backup.BackupFile} the outside: AES-256-GCM under a
 *       PBKDF2-HMAC-SHA256 key (RouterOS's {@code encryption=aes-sha256}, the default), or a
 *       SHA-256 checksum when there is no password. Both formats are documented byte by byte
 *       in those classes; neither is RouterOS's own (which is undocumented), so a MikroTik
 *       {@code .backup} does not load here, nor ours there: {@code /export} moves configuration
 *       between the two.</li>
 * </ol>
 */
package rose.appliance.backup;
