"""Figures measured by the ops tests, printed at the end of the run."""

FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter):
    for line in FIGURES:
        terminalreporter.write_line(line)
