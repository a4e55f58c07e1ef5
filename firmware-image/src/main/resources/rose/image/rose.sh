#!/bin/sh
# rose on a flashed image: the runtime and jars `rose image build` installed under /usr/lib/rose.
# /etc/default/rose sets ROSE_JAVA_OPTS (heap sized for small boards) and the JVM's environment
# (MALLOC_ARENA_MAX): exported, as rose.service's EnvironmentFile does, when run from a shell.
if [ -r /etc/default/rose ]; then set -a; . /etc/default/rose; set +a; fi
# --add-opens: AES-GCM hashes with the JDK's own GHASH intrinsic, allocation free (JdkGhash)
exec /usr/lib/rose/jre/bin/java --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED ${ROSE_JAVA_OPTS:-} -cp '/usr/lib/rose/lib/*' rose.appliance.Main "$@"
