"""Checks that a report's HTML is well formed: every element that is opened is closed in order
(void elements excepted), no <script>, <link>, <iframe>, <object> or <embed> element. Prints one
line per problem, nothing when the file is fine.

usage: check_html.py REPORT.html
"""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
FORBIDDEN = {"script", "link", "iframe", "object", "embed", "base", "frame"}


class Balance(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN:
            self.problems.append(f"line {self.getpos()[0]}: <{tag}> element")
        if tag not in VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        if tag in FORBIDDEN:
            self.problems.append(f"line {self.getpos()[0]}: <{tag}/> element")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> closes nothing")
        elif self.stack[-1][0] != tag:
            open_tag, line = self.stack[-1]
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> closes <{open_tag}> of line {line}")
        else:
            self.stack.pop()


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    parser = Balance()
    parser.feed(text)
    parser.close()
    for tag, line in parser.stack:
        parser.problems.append(f"<{tag}> of line {line} is never closed")
    for p in parser.problems:
        print(p)


if __name__ == "__main__":
    main()
