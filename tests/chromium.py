"""The browser the tests and benchmarks drive: Debian's Chromium, never one downloaded by a
test tool, with flags that keep it from reaching for the network on its own."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
