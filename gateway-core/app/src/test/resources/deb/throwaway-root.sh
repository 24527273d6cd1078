#!/bin/sh
# Installs, starts, upgrades, removes and purges a hearth .deb in a throwaway root: an overlay of
# this machine's / whose writes go to a tmpfs, in a private mount namespace (run it under
# `unshare --mount`), so the machine's own root never changes. Prints one "FACT name=value" line per
# observation for DebPackageIT to assert on; the commands' own output goes to stderr.
#   throwaway-root.sh PACKAGE.deb UPGRADE.deb
set -u
DEB="$1"; UPGRADE="$2"
fact() { echo "FACT $1=$2"; }
T=$(mktemp -d /tmp/hearth-root.XXXXXX)
mount -t tmpfs -o size=512m tmpfs "$T" || { fact overlay failed; exit 1; }
mkdir "$T/upper" "$T/work" "$T/root"
R="$T/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$T/upper,workdir=$T/work" "$R" || { fact overlay failed; exit 1; }
mount -t proc proc "$R/proc"
mount -t tmpfs tmpfs "$R/tmp"
fact overlay ok
cp "$DEB" "$R/tmp/hearth.deb"; cp "$UPGRADE" "$R/tmp/hearth-upgrade.deb"
in_root() { chroot "$R" "$@"; }

in_root dpkg -i /tmp/hearth.deb >"$T/install.log" 2>&1; fact install "$?"
cat "$T/install.log" >&2
grep -q 'http://127.0.0.1:8080/' "$T/install.log" && fact postinst_prints_address yes
fact user "$(in_root id -un hearth 2>/dev/null)"
fact data_dir "$(in_root stat -c '%a %U' /var/lib/hearth)"
fact secrets "$(in_root stat -c '%a %U' /var/lib/hearth/secrets.yaml)"
fact conffiles "$(in_root dpkg-query -W -f='${Conffiles}' hearth | awk '{print $1}' | tr '\n' ' ')"
in_root systemd-analyze verify hearth.service >&2; fact verify "$?"
in_root systemd-analyze security --offline=yes --threshold=20 hearth.service >"$T/security.log" 2>&1
fact exposure "$(sed -n 's/.*Overall exposure level for hearth.service: \([0-9.]*\).*/\1/p' "$T/security.log")"
tail -3 "$T/security.log" >&2

# Start: systemd is not PID 1 here, so run the unit's ExecStart as its User with its JVM options.
OPTS=$(sed -n 's/^Environment="HEARTH_JAVA_OPTS=\(.*\)"$/\1/p' "$R/lib/systemd/system/hearth.service")
EXEC=$(sed -n 's/^ExecStart=//p' "$R/lib/systemd/system/hearth.service")
fact exec_start "$EXEC"
chroot --userspec=hearth:hearth "$R" env -i PATH=/usr/bin:/bin HOME=/var/lib/hearth "HEARTH_JAVA_OPTS=$OPTS" \
    $EXEC >"$T/run.log" 2>&1 &
PID=$!
i=0
while [ $i -lt 240 ] && ! grep -q 'web page and API on' "$T/run.log" && kill -0 $PID 2>/dev/null; do sleep 0.5; i=$((i + 1)); done
fact started_after_half_seconds "$i"
fact healthz "$(curl -s --max-time 5 -H 'Host: 127.0.0.1' http://127.0.0.1:8080/healthz)"
fact database "$(in_root stat -c '%a %U' /var/lib/hearth/hearth.db 2>/dev/null)"
fact api_token "$(in_root stat -c '%a %U' /var/lib/hearth/api-token 2>/dev/null)"
# hearth status, as a user on the box would run it
chroot --userspec=hearth:hearth "$R" env -i PATH=/usr/bin:/bin HOME=/var/lib/hearth /usr/bin/hearth status >"$T/status.log" 2>&1
fact status_exit "$?"
cat "$T/status.log" >&2
grep -q '^gateway gw of home home: ready' "$T/status.log" && fact status_ready yes
# systemctl reload: SIGHUP checks the file again and keeps the gateway running
kill -HUP $PID
i=0
while [ $i -lt 120 ] && ! grep -q 'configuration reload' "$T/run.log"; do sleep 0.5; i=$((i + 1)); done
kill -0 $PID 2>/dev/null && fact alive_after_hup yes
grep -q 'is valid and unchanged' "$T/run.log" && fact reload_unchanged yes
fact healthz_after_hup "$(curl -s --max-time 5 -H 'Host: 127.0.0.1' http://127.0.0.1:8080/healthz)"
kill -TERM $PID; wait $PID; fact exit_on_term "$?"
cat "$T/run.log" >&2

# Upgrade with an edited conffile: dpkg keeps the owner's edit.
echo '# edited by the owner' >>"$R/etc/hearth/hearth.yaml"
in_root dpkg -i --force-confold /tmp/hearth-upgrade.deb >&2; fact upgrade "$?"
fact version "$(in_root dpkg-query -W -f='${Version}' hearth)"
grep -q '^# edited by the owner' "$R/etc/hearth/hearth.yaml" && fact conffile_kept yes

in_root dpkg -r hearth >&2; fact remove "$?"
[ -f "$R/var/lib/hearth/hearth.db" ] && fact data_after_remove kept
[ -f "$R/etc/hearth/hearth.yaml" ] && fact config_after_remove kept
[ -e "$R/usr/bin/hearth" ] || fact launcher_after_remove gone
in_root dpkg -P hearth >&2; fact purge "$?"
[ -e "$R/var/lib/hearth" ] || fact data_after_purge gone
[ -e "$R/etc/hearth/hearth.yaml" ] || fact config_after_purge gone
umount "$R/tmp" "$R/proc" "$R"; umount "$T"; rmdir "$T"
fact done yes
