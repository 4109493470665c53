# Debian installs for .ci/run. A fresh machine has no package lists, so `apt-get install` fails there
# until `apt-get update` has run: apt_install runs it once, before the first install, and only when
# something is to be installed. Sourced, not run.
CI_APT_UPDATED=0

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if [ "$CI_APT_UPDATED" -eq 0 ]; then
    $sudo apt-get update
    CI_APT_UPDATED=1
  fi
  $sudo apt-get install -y "$@"
}
