#!/usr/bin/env bash
# Builds (once) the qemu guest the kernel-offload tests run in: Debian's linux-image-amd64 and a
# bookworm minbase root with openjdk-17-jre-headless, iproute2 and kmod, packed as an uncompressed
# initramfs (no block/ext4 modules needed to find the root; under TCG an uncompressed cpio loads
# fastest). Kept outside target/ so `mvn clean` keeps it, keyed by the package versions and this
# script, so a new kernel or JRE in Debian or an edit here builds a fresh one.
#
#   build-guest.sh            prints the directory holding vmlinux|vmlinuz + rootfs.cpio
#
# Pitfalls (../../../../../shared/reference/09-test-peers-and-guests.md): the kernel .deb ships no
# modules.dep (depmod -b); openjdk's postinst needs usr/share/man/man1; drbg/sha3_generic must be
# loaded for ESP (done by the guest's /init); busybox's ip is not iproute2's (we use /bin/ip).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${ROSE_GUEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rose-guest}"
for t in mmdebstrap depmod cpio apt-get dpkg-deb; do
  command -v "$t" >/dev/null || { echo "build-guest: $t missing (apt-get install mmdebstrap kmod cpio)" >&2; exit 2; }
done
kpkg="$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')"
[ -n "$kpkg" ] || { echo "build-guest: cannot resolve linux-image-amd64 (apt-get update?)" >&2; exit 2; }
kver="$(apt-cache policy "$kpkg" | awk '/Candidate:/{print $2}')"
jver="$(apt-cache policy openjdk-17-jre-headless | awk '/Candidate:/{print $2}')"
key="$(printf '%s\n' "$kpkg=$kver" "jre=$jver" "$(cat "$here/build-guest.sh" "$here/init")" | sha256sum | cut -c1-16)"
out="$cache/$key"
if [ -f "$out/rootfs.cpio" ]; then echo "$out"; exit 0; fi
mkdir -p "$cache"
work="$(mktemp -d "$cache/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
( cd "$work" && apt-get download -q "$kpkg" >&2 )
dpkg-deb -x "$work"/linux-image-*.deb "$work/k"
krel="${kpkg#linux-image-}"
root="$work/root"
mmdebstrap --variant=minbase --include=openjdk-17-jre-headless,iproute2,kmod,busybox-static \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  bookworm "$root" http://deb.debian.org/debian >&2
# Only the module trees the tests need (the whole set would triple the image).
m="lib/modules/$krel"
mkdir -p "$root/$m/kernel/drivers"
for d in kernel/net kernel/crypto kernel/lib kernel/arch kernel/fs/9p kernel/fs/netfs kernel/fs/fscache kernel/drivers/virtio kernel/drivers/net; do
  [ -d "$work/k/$m/$d" ] && mkdir -p "$root/$m/$(dirname "$d")" && cp -a "$work/k/$m/$d" "$root/$m/$d"
done
rm -rf "$root/$m/kernel/drivers/net/wireless" "$root/$m/kernel/drivers/net/ethernet" "$root/$m/kernel/net/wireless" \
       "$root/$m/kernel/net/mac80211" "$root/$m/kernel/net/bluetooth"
cp "$work/k/$m"/modules.* "$root/$m/" 2>/dev/null || true
depmod -b "$root" "$krel"
cp "$work/k/boot/config-$krel" "$root/boot/" 2>/dev/null || true
install -m 0755 "$here/init" "$root/init"
rm -rf "$root/var/cache/apt" "$root/var/lib/apt/lists"
mkdir -p "$work/out"
( cd "$root" && find . -print0 | cpio --null -o -H newc --quiet ) > "$work/out/rootfs.cpio"
cp "$work/k/boot/vmlinuz-$krel" "$work/out/vmlinuz"
# PVH: boot the ELF inside the bzImage directly and skip decompression under TCG.
if command -v python3 >/dev/null; then
  python3 - "$work/out/vmlinuz" "$work/out/vmlinux" <<'PY' || rm -f "$work/out/vmlinux"
import sys, lzma, gzip, zlib
b = open(sys.argv[1], 'rb').read()
for magic, dec in ((b'\xfd7zXZ\x00', lambda d: lzma.LZMADecompressor().decompress(d)),
                   (b'\x1f\x8b\x08\x00', lambda d: zlib.decompressobj(31).decompress(d))):
    i = b.find(magic)
    while i >= 0:
        try:
            e = dec(b[i:])
            if e[:4] == b'\x7fELF':
                open(sys.argv[2], 'wb').write(e); sys.exit(0)
        except Exception:
            pass
        i = b.find(magic, i + 1)
sys.exit(1)
PY
fi
printf 'kernel=%s %s\njre=%s\nbuilt_in_seconds=%s\n' "$kpkg" "$kver" "$jver" "$(( $(date +%s) - start ))" > "$work/out/VERSIONS"
mv "$work/out" "$out"
echo "$out"
