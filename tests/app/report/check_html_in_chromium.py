#!/usr/bin/python3
"""Loads lpmsim's HTML reports in Debian's headless Chromium from file:// URLs.

For each HTML file given: parses it as XML (well-formedness), loads an instrumented copy with
--dump-dom and checks that no script error or console message occurred, then takes a 1400x1000
screenshot of the original and checks that it is not blank (decoded with zlib + struct only).
Exit 0 on success, 1 on failure, 77 (CTest SKIP_RETURN_CODE) when Chromium is not installed.
Usage: check_html_in_chromium.py OUT_DIR REPORT.html [REPORT.html ...]
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
import zlib

CHROMIUM = "/usr/bin/chromium"
SKIP = 77
MARKER_ID = "lpmsim-console-check"

# Runs before the page's own script: records uncaught errors, rejected promises and
# console.error/warn calls, and writes them into the DOM once the page has loaded.
PROBE = """<script>
window.__lpmsimErrors = [];
window.addEventListener('error', function (e) { window.__lpmsimErrors.push('error: ' + e.message); });
window.addEventListener('unhandledrejection', function (e) { window.__lpmsimErrors.push('rejection: ' + e.reason); });
['error', 'warn'].forEach(function (level) {
  var original = console[level];
  console[level] = function () {
    window.__lpmsimErrors.push(level + ': ' + Array.prototype.join.call(arguments, ' '));
    original.apply(console, arguments);
  };
});
window.addEventListener('load', function () {
  var d = document.createElement('div');
  d.id = 'MARKER';
  d.setAttribute('data-errors', String(window.__lpmsimErrors.length));
  d.textContent = window.__lpmsimErrors.join(' | ');
  document.body.appendChild(d);
});
</script>""".replace("MARKER", MARKER_ID)


def chromium(args, profile):
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",
               "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
               "--window-size=1400,1000", "--hide-scrollbars", "--virtual-time-budget=3000"] + args
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def console_lines(stderr):
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def check_console(html_path, work, profile):
    with open(html_path, encoding="utf-8") as f:
        text = f.read()
    head = text.index("<head>") + len("<head>")
    probe_path = os.path.join(work, "probe-" + os.path.basename(html_path))
    with open(probe_path, "w", encoding="utf-8") as f:
        f.write(text[:head] + PROBE + text[head:])
    run = chromium(["--dump-dom", "file://" + probe_path], profile)
    problems = []
    marker = 'id="%s" data-errors="0"' % MARKER_ID
    if marker not in run.stdout:
        problems.append("console probe did not report 0 errors: " +
                        run.stdout[run.stdout.find(MARKER_ID) - 10:][:400])
    problems += ["console: " + line for line in console_lines(run.stderr)]
    return problems


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA non-interlaced PNG; returns (width, height, channels, rows)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError("unsupported PNG layout %d/%d/%d" % (depth, colour, interlace))
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(line)
        previous = line
    return width, height, channels, rows


def check_screenshot(html_path, work, profile):
    png = os.path.join(work, os.path.splitext(os.path.basename(html_path))[0] + ".png")
    run = chromium(["--screenshot=" + png, "file://" + os.path.abspath(html_path)], profile)
    if not os.path.exists(png):
        return ["no screenshot written: " + run.stderr[-500:]]
    width, height, channels, rows = png_pixels(png)
    colours, background = {}, rows[height - 1][0:3]
    differing = 0
    for y in range(0, height, 4):
        row = rows[y]
        for x in range(0, width * channels, 4 * channels):
            pixel = bytes(row[x:x + 3])
            colours[pixel] = colours.get(pixel, 0) + 1
            differing += pixel != background
    sampled = sum(colours.values())
    print("  screenshot %s: %dx%d, %d distinct colours in %d samples, %.1f%% not background"
          % (png, width, height, len(colours), sampled, 100.0 * differing / sampled))
    problems = []
    if (width, height) != (1400, 1000):
        problems.append("screenshot is %dx%d, expected 1400x1000" % (width, height))
    if len(colours) < 16 or differing < sampled * 0.05:
        problems.append("screenshot looks blank")
    return problems


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    if not os.access(CHROMIUM, os.X_OK):
        print("SKIP: %s is not installed (scripts/install-deps installs it); "
              "the HTML report was not checked in a browser" % CHROMIUM)
        return SKIP
    out_dir, files = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    failures = []
    for html in files:
        print("checking " + html)
        try:
            ElementTree.parse(html)
        except ElementTree.ParseError as e:
            failures.append("%s: not well-formed: %s" % (html, e))
        profile = tempfile.mkdtemp(prefix="lpmsim-chromium-")
        try:
            failures += ["%s: %s" % (html, p) for p in check_console(html, out_dir, profile)]
            failures += ["%s: %s" % (html, p) for p in check_screenshot(html, out_dir, profile)]
        finally:
            shutil.rmtree(profile, ignore_errors=True)
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
