"""nexus: the helper library of the teaching suite on China's development-security
approach in Mali (case: Benabdallah and Large, SAIS-CARI, 2020).

Rooms: ``nexus.data`` (tables), ``nexus.charts`` (figures), ``nexus.widgets``
(interactives), ``nexus.feedback`` (checks and quizzes), ``nexus.answers``
(learners' saved work). Import the room you need; importing ``nexus`` alone
loads nothing heavy. Inside a running kernel it also asks IPython to show charts
and tables the suite's accessible way (``nexus.display``).
"""

__version__ = "0.1.0"

BRIEF = ("Benabdallah, L. and Large, D. (2020). Development, Security, and China's Evolving "
         "Role in Mali. China Africa Research Initiative, School of Advanced International "
         "Studies, Johns Hopkins University.")


def _accessible_display() -> None:
    """In a kernel: every figure shown is named by its text alternative, every table has
    a header on each column (see nexus.display). Outside IPython: nothing."""
    import sys

    if "IPython" in sys.modules:
        from nexus import display

        display.register()


_accessible_display()
