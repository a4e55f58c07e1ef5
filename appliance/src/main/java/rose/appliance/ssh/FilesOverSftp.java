package rose.appliance.ssh;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.file.root.RootedFileSystemProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import rose.cli.RouterOs;
import rose.cli.auth.Policy;
import rose.cli.auth.Principal;

/**
 * SFTP on the SSH service, as RouterOS has it: the router's files ({@link RouterOs#filesDir},
 * what {@code /file print} lists) are the whole tree a client sees, so backups can be fetched
 * and updates or keys put there ({@code sftp admin@router}, {@code scp} of OpenSSH 9). A user
 * needs the {@code ftp} policy, as on RouterOS; others get no SFTP channel.
 */
final class FilesOverSftp {
    private FilesOverSftp() {
    }

    /** The sftp subsystem, refused to a principal without the ftp policy. */
    static SubsystemFactory subsystem() {
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        return new SubsystemFactory() {
            @Override public String getName() {
                return sftp.getName();
            }

            @Override public Command createSubsystem(ChannelSession channel) throws IOException {
                Principal p = channel.getSession().getAttribute(SshService.PRINCIPAL);
                if (p == null || !p.has(Policy.FTP)) throw new IOException("not enough permissions (9)");
                return sftp.createSubsystem(channel);
            }
        };
    }

    /** Every session sees the router's files as its root, never above it. */
    static FileSystemFactory files(RouterOs router) {
        return new FileSystemFactory() {
            @Override public Path getUserHomeDir(SessionContext session) {
                return null;                                  // the root is home
            }

            @Override public FileSystem createFileSystem(SessionContext session) throws IOException {
                Path dir = router.filesDir().toAbsolutePath().normalize();
                Files.createDirectories(dir);
                return new RootedFileSystemProvider().newFileSystem(dir, java.util.Map.of());
            }
        };
    }
}
