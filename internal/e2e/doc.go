// Package e2e drives the real desk through a real browser (Debian's
// chromium, headless) along the citizen's path: find a service, apply with
// documents, confirm with the SMS code, read the receipt and track the
// request. It holds tests only; they skip when chromium is missing unless
// MIZBAN_REQUIRE_BROWSER=1, and save phone-width screenshots into the
// directory named by MIZBAN_ARTEFACTS.
package e2e
