# Runs Debian's wapiti 3.0.4 with one fix: it builds its --exclude patterns with the regex flags at the end, which
# Python 3.11 rejects ("global flags not at the start"); here the same pattern has them first. Nothing else changes.
import re
import sys

import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402

sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
