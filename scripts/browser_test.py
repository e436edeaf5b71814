#!/usr/bin/env python3
"""End-to-end test of the web page in headless Chromium.

Starts `faceguard serve` on a free loopback port, loads the page, uploads models/astronaut.png,
waits for the anonymized result and checks, by reading both images back through a canvas, that
the pixels in the detected face changed and the pixels far from it did not. Also fails on any
console error (a Content-Security-Policy violation, say). Runs twice: without a token, and with
`--token`, where the page must ask for the token once. Always stops the server.

Usage: scripts/browser_test.py [--screenshots DIR]   (run scripts/setup-browser.sh first)
"""
import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = os.environ.get("FACEGUARD_MODELS") or os.path.join(ROOT, "models")

COMPARE_SCRIPT = """
const done = arguments[arguments.length - 1];
const card = document.querySelector('.photo[data-state="done"]');
const rect = card.querySelector('rect.face');
const box = ['x', 'y', 'width', 'height'].map((name) => Number(rect.getAttribute(name)));
function pixels(img) {
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}
function meanDifference(a, b, x0, y0, x1, y1) {
  let total = 0, count = 0;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(a.height, Math.ceil(y1)); y++) {
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(a.width, Math.ceil(x1)); x++) {
      const i = (y * a.width + x) * 4;
      for (let c = 0; c < 3; c++) { total += Math.abs(a.data[i + c] - b.data[i + c]); count++; }
    }
  }
  return count ? total / count : -1;
}
const before = pixels(card.querySelector('img.before'));
const after = pixels(card.querySelector('img.after'));
const [x, y, w, h] = box;
const farX = x + w / 2 < before.width / 2 ? before.width - 60 : 0;
const farY = y + h / 2 < before.height / 2 ? before.height - 60 : 0;
done({
  box, width: after.width, height: after.height,
  face: meanDifference(before, after, x + w * 0.2, y + h * 0.2, x + w * 0.8, y + h * 0.8),
  far: meanDifference(before, after, farX, farY, farX + 60, farY + 60),
  faces: card.dataset.faces,
  download: card.querySelector('a.download').getAttribute('download'),
});
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def faceguard_binary():
    if os.environ.get("FACEGUARD_BIN"):
        return os.environ["FACEGUARD_BIN"]
    subprocess.run(["swift", "build", "--product", "faceguard"], cwd=ROOT, check=True)
    bin_path = subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
        text=True).stdout.strip()
    return os.path.join(bin_path, "faceguard")


def wait_for_server(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"faceguard serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url + "healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("faceguard serve did not answer /healthz within 60 s")


def make_driver(width, height):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def upload_and_check(url, photo, screenshots, token):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = make_driver(1280, 1000)
    try:
        driver.set_script_timeout(30)
        driver.get(url)
        driver.find_element(By.ID, "file-input").send_keys(photo)
        if token:
            WebDriverWait(driver, 60).until(
                lambda d: d.find_element(By.ID, "token-dialog").get_attribute("open") is not None)
            driver.find_element(By.ID, "token-input").send_keys(token + "\n")
        WebDriverWait(driver, 180).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, '.photo[data-state="done"]')
            or d.find_elements(By.CSS_SELECTOR, '.photo[data-state="error"]'))
        errors = driver.find_elements(By.CSS_SELECTOR, '.photo[data-state="error"]')
        if errors:
            raise AssertionError("the page reported: " + errors[0].text)
        result = driver.execute_async_script(COMPARE_SCRIPT)
        print(f"browser: result {result}")
        if screenshots:
            os.makedirs(screenshots, exist_ok=True)
            driver.save_screenshot(os.path.join(screenshots, "desktop.png"))
            driver.execute_script("document.querySelector('.photo').scrollIntoView()")
            driver.save_screenshot(os.path.join(screenshots, "desktop-photo.png"))
            driver.set_window_size(390, 1400)
            time.sleep(0.5)
            driver.save_screenshot(os.path.join(screenshots, "phone.png"))
            driver.execute_script("document.querySelector('.photo').scrollIntoView()")
            driver.save_screenshot(os.path.join(screenshots, "phone-photo.png"))
        # With a token the first request's expected 401 is logged as a failed resource load.
        problems = [entry["message"] for entry in driver.get_log("browser")
                    if entry["level"] == "SEVERE"
                    and not (token and "status of 401" in entry["message"])]
        if problems:
            raise AssertionError("console errors: " + "; ".join(problems))
        if result["faces"] != "1":
            raise AssertionError(f"expected 1 hidden region, the page shows {result['faces']}")
        if result["face"] < 10:
            raise AssertionError(f"the face barely changed (mean difference {result['face']:.2f})")
        if result["far"] != 0:
            raise AssertionError(f"pixels far from the face changed ({result['far']:.2f})")
        if not result["download"].endswith(".anonymized.png"):
            raise AssertionError(f"unexpected download name {result['download']}")
    finally:
        driver.quit()


def run_scenario(binary, photo, token, screenshots):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, FACEGUARD_MODELS=MODELS)
    env.pop("FACEGUARD_TOKEN", None)
    command = [binary, "serve", "--port", str(port)] + (["--token", token] if token else [])
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_for_server(url, server)
        upload_and_check(url, photo, screenshots, token)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", help="save desktop.png and phone.png here")
    args = parser.parse_args()
    photo = os.path.join(MODELS, "astronaut.png")
    if not os.path.isfile(photo):
        print(f"browser: {photo} is missing; run scripts/setup.sh", file=sys.stderr)
        print("browser: 0 passed, 1 failed")
        return 1
    binary = faceguard_binary()
    scenarios = [
        ("no token", None, args.screenshots),
        ("token asked once", "browser-test-token", None),
    ]
    failed = 0
    for name, token, screenshots in scenarios:
        try:
            run_scenario(binary, photo, token, screenshots)
            print(f"browser: {name}: upload, anonymize and read-back of astronaut.png passed")
        except Exception as error:  # report any failure as a failed test
            failed += 1
            print(f"browser: {name}: FAILED: {error}", file=sys.stderr)
    passed = len(scenarios) - failed
    print(f"browser: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
