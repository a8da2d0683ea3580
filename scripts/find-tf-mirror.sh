#!/usr/bin/env bash
# Prints the root of the offline Terraform provider mirror: the folder that holds
# registry.terraform.io/hashicorp/aws/<version>/ (DESIGN.md "Offline terraform"). JICHITAI_TF_MIRROR wins when set;
# otherwise likely places are searched first, then the whole root file system (5 levels deep, as the tests do).
# Exits 1 with a message on stderr when there is none.
set -uo pipefail

# The provider @cdktf/provider-aws 20.1.0 targets (test/support/terraform.ts AWS_PROVIDER).
PROVIDER="registry.terraform.io/hashicorp/aws/5.100.0"

holds() { [ -d "$1/$PROVIDER" ]; }

if [ -n "${JICHITAI_TF_MIRROR:-}" ]; then
  if holds "$JICHITAI_TF_MIRROR"; then
    echo "$JICHITAI_TF_MIRROR"
    exit 0
  fi
  echo "JICHITAI_TF_MIRROR=$JICHITAI_TF_MIRROR does not hold $PROVIDER/" >&2
  exit 1
fi

search() {
  # find exits non-zero on unreadable folders; what it printed still counts.
  find "$@" -type d -name registry.terraform.io 2>/dev/null | sort | while read -r dir; do
    root="$(dirname "$dir")"
    if holds "$root"; then echo "$root"; fi
  done | head -n 1
}

likely=()
for d in /opt /usr/local /usr/share /root /home /srv /work; do [ -d "$d" ] && likely+=("$d"); done
found=""
if [ "${#likely[@]}" -gt 0 ]; then found="$(search "${likely[@]}" -maxdepth 4)"; fi
[ -n "$found" ] || found="$(search / -xdev -maxdepth 5)"

if [ -z "$found" ]; then
  echo "No offline Terraform provider mirror holding $PROVIDER/ was found; install it, or set JICHITAI_TF_MIRROR to the folder that contains registry.terraform.io/" >&2
  exit 1
fi
echo "$found"
