"""Checks of the benchmark harness itself (run first by `make bench`; also
`python3 -m unittest discover -s bench -p 'test_*.py'`): the form filling the code-flow driver
relies on, the median that leaves void runs out, and the result parsing."""
import unittest
import urllib.parse

import flow_driver
import report
import run_bench

LOGIN_PAGE = """<form method="post" action="/auth/login?x=1">
<input type="hidden" name="interaction" value="i-1"><input type="hidden" name="csrf" value="c-2">
<input id="username" name="username" type="text" value=""><input name="password" type="password">
<button type="submit">Sign in</button></form><form action="/other"><input name="ignored"></form>"""
CONSENT_PAGE = """<form method="post" action="/oauth/consent"><input type="hidden" name="csrf" value="c-3">
<button type="submit" name="decision" value="deny">Deny</button>
<button type="submit" name="decision" value="allow">Allow</button></form>"""


class RecordingBrowser:
    def __init__(self):
        self.sent = []

    def request(self, method, target, body=None, headers=None):
        self.sent.append((method, target, dict(urllib.parse.parse_qsl(body or ""))))
        return 302, "http://127.0.0.1:9/callback?code=x", b""


CFG = {"username": "u", "password": "p"}


class FormFilling(unittest.TestCase):
    def test_login_form_keeps_hidden_fields_and_fills_credentials(self):
        browser = RecordingBrowser()
        flow_driver.submit_form(browser, LOGIN_PAGE, CFG)
        method, target, fields = browser.sent[0]
        self.assertEqual((method, target), ("POST", "/auth/login?x=1"))
        self.assertEqual(fields, {"interaction": "i-1", "csrf": "c-2", "username": "u", "password": "p"})

    def test_consent_form_presses_allow(self):
        browser = RecordingBrowser()
        flow_driver.submit_form(browser, CONSENT_PAGE, CFG)
        self.assertEqual(browser.sent[0][2], {"csrf": "c-3", "decision": "allow"})

    def test_page_without_form_fails_the_flow(self):
        with self.assertRaises(flow_driver.FlowError):
            flow_driver.submit_form(RecordingBrowser(), "<p>error</p>", CFG)


class Medians(unittest.TestCase):
    def test_void_runs_are_left_out(self):
        runs = [{"rps": 100, "void": False}, {"rps": 1, "void": True}, {"rps": 300, "void": False}]
        s = report.summary(runs)
        self.assertEqual(s["rps"], 200)
        self.assertEqual((s["void"], s["runs"]), (1, 3))

    def test_all_void_gives_no_figure(self):
        self.assertIsNone(report.summary([{"rps": 5, "void": True}])["rps"])


class Parsing(unittest.TestCase):
    def test_bench_json_line_is_found_among_other_output(self):
        out = "Running 2s test\nBENCH_JSON {\"requests\":7,\"errors\":0}\nmore\n"
        self.assertEqual(run_bench.parse_bench_json(out, "t"), {"requests": 7, "errors": 0})

    def test_missing_result_is_an_error(self):
        with self.assertRaises(RuntimeError):
            run_bench.parse_bench_json("wrk: connection refused", "t")


if __name__ == "__main__":
    unittest.main()
