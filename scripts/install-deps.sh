#!/usr/bin/env bash
# Usage: scripts/install-deps.sh
#
# Installs what Flowlab needs to build, test and run on Debian 12, through apt-get
# (through sudo when not root). Packages that are already installed are skipped, so a
# second run does nothing, quickly and without the network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
    # Toolchain
    build-essential cmake ninja-build
    # Qt 6.4: Core, Gui, Widgets, Network, Concurrent and Test (qt6-base-dev), moc/rcc
    # (qt6-base-dev-tools), Charts, Svg and HttpServer. Qt6Gui's CMake package needs OpenGL.
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-httpserver-dev
    libqt6test6 libgl-dev
    # Windows in tests and screenshots without a display
    xvfb xauth
    # Real AWS clients against the local endpoint, load generation, screenshots
    awscli python3-boto3 nodejs npm wrk imagemagick
)

# A package counts as present when dpkg says it is installed. npm is special: NodeSource's
# nodejs package ships npm itself and conflicts with Debian's npm package, so an npm on the
# PATH counts as present (asking apt for Debian's npm there would try to replace nodejs).
is_present()
{
    local pkg=$1
    if [[ $pkg == npm ]] && command -v npm >/dev/null 2>&1; then
        return 0
    fi
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null) == installed ]]
}

missing=()
for pkg in "${packages[@]}"; do
    is_present "$pkg" || missing+=("$pkg")
done

install_debian_packages()
{
    if ((${#missing[@]} == 0)); then
        echo "install-deps: all ${#packages[@]} packages are installed"
        return 0
    fi

    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-deps: apt-get not found; install these by hand: ${missing[*]}" >&2
        exit 1
    fi

    sudo=()
    if ((EUID != 0)); then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "install-deps: not root and sudo not found; as root run:" >&2
            echo "    apt-get update && apt-get install -y ${missing[*]}" >&2
            exit 1
        fi
        sudo=(sudo)
    fi

    echo "install-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! "${sudo[@]}" apt-get update; then
        echo "install-deps: FAILED: 'apt-get update' did not succeed (network? apt sources?)" >&2
        exit 1
    fi
    if ! "${sudo[@]}" apt-get install -y -q "${missing[@]}"; then
        echo "install-deps: FAILED: 'apt-get install ${missing[*]}' did not succeed" >&2
        exit 1
    fi
    echo "install-deps: done"
}

# The npm packages the client tests run (tests/clients/package.json, pinned by its lock file).
install_npm_packages()
{
    if [[ -d tests/clients/node_modules/@aws-sdk/client-sqs ]]; then
        echo "install-deps: npm packages for tests/clients are installed"
        return 0
    fi
    echo "install-deps: installing npm packages for tests/clients"
    if ! npm ci --prefix tests/clients --no-audit --no-fund; then
        echo "install-deps: FAILED: 'npm ci' in tests/clients did not succeed" >&2
        exit 1
    fi
}

install_debian_packages
install_npm_packages
