#!/usr/bin/env bash
# Installs Debian's nginx when it is missing (idempotent): the TLS-terminating, authenticating front that puts
# Elasticsearch behind HTTPS with credentials (infra/nginx/nginx.sh), since the distribution used here has no security
# module. Only the binary is wanted: the package's own service is stopped and disabled, so nothing listens on port 80.
#   install.sh        exit 0 when /usr/sbin/nginx is there afterwards
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

NGINX=/usr/sbin/nginx

if [[ -x "$NGINX" ]]; then
  exit 0
fi
[[ $(id -u) -eq 0 ]] || die "nginx is not installed and only root can install it: apt-get install nginx-light or nginx"
command -v apt-get >/dev/null || die "nginx is not installed and there is no apt-get to install it with"
log "installing Debian's nginx (first run only)"
# policy-rc.d 101: the package must not start its service (port 80) while it installs.
policy=/usr/sbin/policy-rc.d
created_policy=
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
fi
trap '[[ -n "$created_policy" ]] && rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends nginx >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends nginx >/dev/null 2>&1; } \
  || die "apt-get could not install nginx"
[[ -x "$NGINX" ]] || die "nginx installed but $NGINX is missing"
log "nginx installed: $("$NGINX" -v 2>&1)"
