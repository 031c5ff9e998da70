"""Walking the web edition by keyboard in Chromium, as a sighted keyboard user does (WCAG 2.2 2.1.1, 2.4.3, 2.4.7)."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


def focus_issue(browser: Any) -> str:
    """What is wrong with the focused element as a sighted keyboard user meets it ('' when nothing is)."""
    issue: str = browser.execute_script(
        "const e = document.activeElement; if (!e || e === document.body) return 'nothing has the focus';"
        "const s = getComputedStyle(e), r = e.getBoundingClientRect();"
        "if (!e.checkVisibility({visibilityProperty: true}) || r.width < 1 || r.height < 1) return 'hidden: ' + e.outerHTML.slice(0, 80);"
        "const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !s.outlineColor.endsWith(', 0)'))"
        " || s.boxShadow !== 'none';"
        "return ring ? '' : 'no visible focus: ' + e.outerHTML.slice(0, 80);"
    )
    return issue


def tab_until(browser: Any, test: str, issues: list[str], back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element `e` passes the JavaScript `test`, noting each focus that
    is hidden or has no visible ring in `issues`."""
    for _ in range(150):
        keys = ActionChains(browser)
        (keys.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT) if back else keys.send_keys(Keys.TAB))
        keys.perform()
        if issue := focus_issue(browser):
            issues.append(f"{browser.current_url}: {issue}")
        if browser.execute_script("const e = document.activeElement; return " + test):
            return
    raise AssertionError(f"Tab never reached {test} on {browser.current_url}")


def follow(browser: Any, url: str) -> None:
    """Press Enter on the focused link and wait for `url` to open."""
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 10).until(lambda b: b.current_url == url)
