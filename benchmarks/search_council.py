"""Open a council's search page in headless Chromium and time a search, which merges every body's index (Pagefind's
mergeIndex), from opening the page to its results: `python benchmarks/search_council.py SITE WORD [WORD ...]`."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import sys
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    site, words = sys.argv[1], sys.argv[2:]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)
    try:
        for word in words:
            started = time.perf_counter()
            driver.get(f"http://127.0.0.1:{server.server_port}/search.html?q={word}")

            def answered(browser: webdriver.Chrome) -> bool:
                text = browser.find_element("id", "search-status").text
                return re.match(r"(\d+ results?|No results) for", text) is not None

            WebDriverWait(driver, 120).until(answered)
            seconds = time.perf_counter() - started
            status = driver.find_element("id", "search-status").text
            legends = [e.text for e in driver.find_elements("css selector", "#search-filters legend")]
            print(f"{word}: {status!r} in {seconds:.2f} s from opening the page; filters offered: {legends}")
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
