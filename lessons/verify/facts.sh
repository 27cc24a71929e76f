# oslearn verify: gather the facts the checklist's steps depend on, and print them.
#
# Read-only: this script writes nothing, installs nothing and never asks for sudo. It reads
# files and runs query commands (dpkg-query, rpm -qa on an existing database, systemctl
# is-enabled, sshd -T as root, nft list ruleset as root, python3 -c 'import venv,
# ensurepip'); oslearn judges what it prints. Run it with: sh -s -- BOUNDARY < facts.sh
#
# Output: records, each starting with a header line "@@BOUNDARY@@ KIND NAME"; a record's
# content is every line up to the next header. Kinds: file (a file's text), unreadable (a
# file or folder that is there but could not be read, no content), glob (the files a pattern
# matched, one a line), cmd (a command's output, 2>&1) followed by rc (its exit status),
# fact (one value). The last line is "@@BOUNDARY@@ end".

B="${1:-oslearn-facts}"
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL
umask 077

rec() { printf '@@%s@@ %s %s\n' "$B" "$1" "$2"; }
fact() { rec fact "$1"; printf '%s\n' "$2"; }
dump() {
    # dump PATH: the file's text, when it is a readable regular file; else, when something is
    # there (no read permission, a link loop, a dangling link), that it could not be read
    if [ -f "$1" ] && [ -r "$1" ]; then
        rec file "$1"
        cat "$1" 2>/dev/null
        echo
    elif [ -e "$1" ] || [ -L "$1" ]; then
        rec unreadable "$1"
    fi
}
run() {
    # run NAME COMMAND...: the command's output and exit status
    name=$1
    shift
    rec cmd "$name"
    "$@" 2>&1 </dev/null
    status=$?
    echo
    rec rc "$name"
    echo "$status"
}
have() { command -v "$1" >/dev/null 2>&1; }

fact version 1
fact uid "$(id -u 2>/dev/null)"
fact uname "$(uname -s 2>/dev/null)"
dump /etc/os-release
[ -f /etc/os-release ] || dump /usr/lib/os-release
dump /etc/group
dump /etc/passwd

# sshd: the main file and every file its Include lines name, with what each glob matched.
queue=/etc/ssh/sshd_config
seen=" "
depth=0
while [ -n "$queue" ] && [ "$depth" -lt 64 ]; do
    depth=$((depth + 1))
    next=""
    set -f
    for file in $queue; do
        case "$seen" in *" $file "*) continue ;; esac
        seen="$seen$file "
        dump "$file"
        [ -r "$file" ] || continue
        # a carriage return is white space to sshd (CRLF line ends): made a space here
        patterns=$(tr '\r' ' ' < "$file" 2>/dev/null \
            | sed -n 's/^[[:space:]]*[Ii][Nn][Cc][Ll][Uu][Dd][Ee][[:space:]=][[:space:]=]*//p' \
            | sed 's/[[:space:]]#.*$//; s/"//g')
        for pattern in $patterns; do
            case "$pattern" in
                /*) ;;
                "~"*) continue ;;
                *) pattern="/etc/ssh/$pattern" ;;
            esac
            folder=${pattern%/*}
            case "$folder" in
                *[*?[]*) ;;
                *) if [ -d "$folder" ] && { [ ! -r "$folder" ] || [ ! -x "$folder" ]; }; then
                       rec unreadable "$folder"
                   fi ;;
            esac
            rec glob "$pattern"
            set +f
            for match in $pattern; do
                if [ -f "$match" ] || [ -L "$match" ]; then
                    echo "$match"
                    next="$next $match"
                fi
            done
            set -f
        done
    done
    set +f
    queue=$next
done

if [ "$(id -u 2>/dev/null)" = 0 ]; then
    sshd=$(command -v sshd 2>/dev/null)
    [ -n "$sshd" ] && run sshd-T "$sshd" -T
    have nft && run nft-ruleset nft list ruleset
fi

# Packages: dpkg's status database, or rpm's, or FreeBSD's pkg.
if have dpkg-query; then
    run dpkg dpkg-query -W -f '${Package}\t${db:Status-Status}\n'
fi
# rpm only on the system's own database, named with --dbpath: left to its compiled-in path
# (~/.rpmdb for Debian's rpm tool) rpm would create an empty database there.
rpmdb=""
for dir in /var/lib/rpm /usr/lib/sysimage/rpm; do
    if [ -f "$dir/rpmdb.sqlite" ] || [ -f "$dir/Packages" ] || [ -f "$dir/Packages.db" ]; then
        rpmdb=$dir
        break
    fi
done
if have rpm && [ -n "$rpmdb" ]; then
    run rpm rpm --dbpath "$rpmdb" -qa --qf '%{NAME}\n'
fi
if have pkg && [ "$(uname -s 2>/dev/null)" = FreeBSD ]; then
    run pkg pkg query '%n'
    dump /etc/rc.conf
fi

# Services: systemctl is-enabled, and the unit symlinks in case systemctl cannot answer.
if have systemctl; then
    for unit in fail2ban.service unattended-upgrades.service apt-daily-upgrade.timer \
                dnf-automatic.timer dnf-automatic-install.timer yum-cron.service \
                ufw.service firewalld.service nftables.service; do
        run "systemctl-$unit" systemctl is-enabled "$unit"
    done
fi
rec glob '/etc/systemd/system/*.wants/*'
for link in /etc/systemd/system/*.wants/*; do
    [ -e "$link" ] || [ -L "$link" ] && echo "$link"
done

# Automatic updates: APT's configuration, dnf-automatic's and yum-cron's. APT reads a file
# of apt.conf.d only when its name has nothing but letters, digits, "_", "-" and ".", and no
# extension or the extension "conf" (apt.conf(5)): 20auto-upgrades.disabled, foo.dpkg-old,
# foo.ucf-dist or foo~ are not read, so they are neither printed nor listed.
apt_reads() {
    case "$1" in
        .*|*.|*[!A-Za-z0-9_.-]*) return 1 ;;
        *.conf) return 0 ;;
        *.*) return 1 ;;
    esac
    return 0
}
for file in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
    [ "$file" = /etc/apt/apt.conf ] || apt_reads "${file##*/}" || continue
    if [ -f "$file" ] && grep -qi 'periodic' "$file" 2>/dev/null; then
        dump "$file"
    fi
done
rec glob '/etc/apt/apt.conf.d/*'
for file in /etc/apt/apt.conf.d/*; do
    [ -f "$file" ] && apt_reads "${file##*/}" && echo "$file"
done
dump /etc/dnf/automatic.conf
dump /etc/yum/yum-cron.conf

# Firewalls: ufw's switch, the nftables rule set file.
dump /etc/ufw/ufw.conf
dump /etc/nftables.conf
dump /etc/sysconfig/nftables.conf

# Python: its version (first line), then whether venv and ensurepip import (the exit status).
if have python3; then
    run python3-venv python3 -c 'import sys; print("%d.%d" % sys.version_info[:2]); import venv, ensurepip'
fi
fact python3-link "$(readlink /usr/bin/python3 2>/dev/null)"

rec end .
