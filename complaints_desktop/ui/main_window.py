"""UI: the main window — navigation, panes, open cases in tabs, menus, counts and messages.

Panes are those of ``ui/panes.py``'s registry, each built the first time it is shown (its
module imported only then, as the case view's is), so the window opens quickly. The window
remembers its size, layout and last pane in the ``QSettings`` it is given.

The window can be built before the database is open (``env`` None): it imports Qt and the
light domain modules only, so ``app.run`` shows it, keys and menus working, while the
database opens on a worker thread; ``set_env`` then fills it. What needs the database
and is asked for before then (Ctrl+N, a pane, F5) waits and happens once it is open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.ui import menus, window_state
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.common.files import dropped_file
from complaints_desktop.ui.drafts import DraftStore
from complaints_desktop.ui.panes import (
    ACTIONS,
    AUDIT,
    COMPLAINTS,
    CONTACTS,
    OMBUDSMAN,
    PANES,
    QUEUE,
    REPORTS,
    RETENTION,
    SETTINGS,
    SUBJECT_ACCESS,
)
from complaints_desktop.ui.views.work_queue import WorkQueueView
from complaints_desktop.ui.workers import run_in_background, settle_heap, writer_pool

if TYPE_CHECKING:  # the services (and SQLAlchemy) are imported once the database opens
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent

    from complaints_desktop.domain.views import Counts, QueueItem
    from complaints_desktop.services import inbox
    from complaints_desktop.services.env import Env

log = logging.getLogger(__name__)


__all__ = [
    "ACTIONS",
    "AUDIT",
    "COMPLAINTS",
    "CONTACTS",
    "OMBUDSMAN",
    "PANES",
    "QUEUE",
    "REPORTS",
    "RETENTION",
    "SETTINGS",
    "SUBJECT_ACCESS",
    "MainWindow",
]


class MainWindow(QMainWindow):
    """The application window."""

    counts_changed = Signal(object)
    """The latest ``Counts`` (overdue, due today, …) after a refresh."""

    def __init__(
        self,
        env: Env | None,
        settings: QSettings,
        database: str = "",
        parent: QWidget | None = None,
        *,
        writes: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.env: Env | None = env
        self.settings = settings
        self.database = database
        self._counts: Counts | None = None
        self.writes = writes or writer_pool(self)  # the one write queue (see app.py)
        self.drafts = DraftStore(settings)  # typed text kept through a crash (ui/drafts.py)
        self._panes: dict[int, QWidget] = {}
        self._pending: dict[str, Callable[[], None]] = {}
        self._welcome_checked = False
        self._first_queue = True
        self.remember = True  # False: closing keeps no size or layout (a smoke test)
        self._after_queue: dict[str, Callable[[], None]] = {}
        self.setObjectName("MainWindow")

        self.nav = QListWidget(self)
        self.nav.setAccessibleName(self.tr("Navigation"))
        for index, spec in enumerate(PANES):
            self.nav.addItem(self.tr(spec.name))
            self.nav.item(index).setToolTip(
                self.tr("{name} ({key})").format(name=spec.name, key=spec.shortcut)
            )
        # Room around each entry: spacing, not a style sheet (one costs ~7 ms at start-up).
        self.nav.setSpacing(5)
        # From the font's widths: the list's own sizeHintForColumn lays every item out
        # before the first paint (~7 ms).
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.tr(spec.name)) for spec in PANES)
        self.nav.setMinimumWidth(widest + 2 * 5 + 40)
        self.nav.currentRowChanged.connect(self.show_pane)

        self.stack = QStackedWidget(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setAccessibleName(self.tr("Open screens and cases"))
        self.tabs.addTab(self.stack, self.tr(PANES[QUEUE].name))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self.close_tab)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        dismiss = QPushButton(self.tr("Dismiss"), self)
        dismiss.setAccessibleName(self.tr("Dismiss the message"))
        self.message_bar = QFrame(self)
        self.message_bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self.message_bar)
        bar.addWidget(self.message, 1)
        bar.addWidget(dismiss)
        dismiss.clicked.connect(self.message_bar.hide)
        self.message_bar.hide()

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.message_bar)
        column.addWidget(self.tabs, 1)
        self.splitter = QSplitter(parent=self)  # (self): picks the overload by Qt.Orientation,
        # which builds the ``Qt`` namespace's ~1,200 Python enum members (~16 ms)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.db_label = QLabel(self._database_text(), self)
        self.db_label.setAccessibleName(self.tr("Database in use"))
        self.counts_label = QLabel(self.tr("Counting…"), self)
        self.counts_label.setAccessibleName(self.tr("Deadline counts"))
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.user_label = QLabel(self)
        self.user_label.setAccessibleName(self.tr("Who is signed in"))
        self.user_label.setToolTip(self.tr("Roles and users: Settings > Users"))
        self.statusBar().addPermanentWidget(self.user_label)
        if env is not None:
            self._signed_in()

        self.queue = WorkQueueView(env, self)
        self.queue.open_case_requested.connect(self.open_case)
        self.queue.error_occurred.connect(self.show_message)
        self.queue.queue_loaded.connect(self._queue_loaded)
        self.queue.error_occurred.connect(lambda _text: settle_heap())
        self.queue.print_button.clicked.connect(self.print_summary)
        self._panes[QUEUE] = self.queue
        for index in range(len(PANES)):
            self.stack.addWidget(self.queue if index == QUEUE else self._waiting_page())
        self.new_action: QAction
        self.print_action: QAction
        self.find_action: QAction
        self.refresh_action: QAction
        self.pane_actions: list[QAction]
        menus.build_menus(self)
        self._update_title()
        window_state.restore(self)
        self.setAcceptDrops(True)  # an e-mail dropped on the window: a new complaint

    # --- the database ----------------------------------------------------------------
    def _database_text(self) -> str:
        if self.env is None and not self.database:
            return self.tr("Opening the database…")
        return self.tr("Database: {db}").format(db=self.database or "?")

    def _waiting_page(self) -> QWidget:
        """What a pane shows until it is built (while the database opens).

        Centred by its markup (a label is centred vertically already), not by
        ``Qt.AlignmentFlag``: the ``Qt`` namespace's Python enums cost ~17 ms to build, and
        the window is painted before anything else needs them.
        """
        from html import escape

        text = escape(self.tr("Opening the database…"))
        label = QLabel(f'<div align="center">{text}</div>', self)
        label.setWordWrap(True)
        return label

    def _signed_in(self) -> None:
        from complaints_desktop.services import access

        self.user_label.setText(access.current(self.opened).signed_in())

    @property
    def ready(self) -> bool:
        """True once the database is open (``env`` given or set)."""
        return self.env is not None

    @property
    def opened(self) -> Env:
        """``env`` where the database is open by now (after ``ready`` or ``_when_ready``)."""
        if self.env is None:
            raise RuntimeError("the database is not open yet")
        return self.env

    def set_env(self, env: Env, database: str = "") -> None:
        """The database is open: fill the window, then do what was asked meanwhile."""
        self.env = env
        if database:
            self.database = database
        self.db_label.setText(self._database_text())
        self._signed_in()
        self.queue.set_env(env)
        index = self.current_pane()
        if index != QUEUE and 0 <= index < len(PANES):
            self.show_pane(index)
        pending, self._pending = self._pending, {}
        if pending:
            self.statusBar().clearMessage()
        for action in pending.values():
            action()

    def _when_ready(self, name: str, action: Callable[[], None], what: str = "") -> bool:
        """True when the database is open; else keep ``action`` to run once it is."""
        if self.env is not None:
            return True
        self._pending[name] = action
        if what:
            self.statusBar().showMessage(
                self.tr("Opening the database… {what} as soon as it is open.").format(what=what)
            )
        return False

    # --- panes -----------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        """Show pane ``index`` (its navigation entry is selected too)."""
        self.nav.setCurrentRow(index)
        self.show_pane(index)

    def show_pane(self, index: int) -> None:
        """Bring pane ``index`` forward, building it the first time."""
        if not 0 <= index < len(PANES):
            return
        if self.env is None and index != QUEUE:  # built once the database is open
            self.stack.setCurrentIndex(index)
            self.tabs.setTabText(0, self.tr(PANES[index].name))
            self.tabs.setCurrentIndex(0)
            return
        first = index not in self._panes
        widget = self.pane(index)
        self.stack.setCurrentWidget(widget)
        self.tabs.setTabText(0, self.tr(PANES[index].name))
        self.tabs.setCurrentIndex(0)
        if first and hasattr(widget, "refresh") and index != QUEUE:
            widget.refresh()

    def pane(self, index: int) -> QWidget:
        """The widget of pane ``index`` (built now if needed)."""
        if index in self._panes:
            return self._panes[index]
        widget = self._make_pane(index)
        old = self.stack.widget(index)
        self.stack.insertWidget(index, widget)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self._panes[index] = widget
        for signal, slot in (
            ("open_case_requested", self.open_case),
            ("error_occurred", self.show_message),
            ("new_complaint_requested", self.new_complaint),
        ):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(slot)
        return widget

    def _make_pane(self, index: int) -> QWidget:
        build = PANES[index].build
        if build is None or self.env is None:  # the queue; the others once the database is open
            raise LookupError(f"pane {index} is made with the window, not on demand")
        return build(self.env, self)

    def current_pane(self) -> int:
        """Index of the pane shown in the first tab."""
        return self.nav.currentRow()

    # --- cases in tabs ---------------------------------------------------------------
    def open_case(self, reference: str) -> QWidget | None:
        """Open a case in its own tab (or bring its tab forward)."""
        for i in range(1, self.tabs.count()):
            if self.tabs.tabText(i) == reference:
                self.tabs.setCurrentIndex(i)
                return self.tabs.widget(i)
        if not self._when_ready(f"open {reference}", lambda: self._open_later(reference)):
            return None
        from complaints_desktop.ui.views.case_view import CaseView

        try:
            view = CaseView(self.opened, reference, self)
        except Exception as exc:
            self.show_message(describe_error(exc))
            return None
        view.case_changed.connect(self._case_changed)
        index = self.tabs.addTab(view, reference)
        self.tabs.setTabToolTip(index, self.tr("Case {ref} (Ctrl+W closes)").format(ref=reference))
        self.tabs.setCurrentIndex(index)
        return view

    def _open_later(self, reference: str) -> None:
        self.open_case(reference)

    def case_tabs(self) -> dict[str, QWidget]:
        """Open cases by reference."""
        out: dict[str, QWidget] = {}
        for i in range(1, self.tabs.count()):
            widget = self.tabs.widget(i)
            if widget is not None:
                out[self.tabs.tabText(i)] = widget
        return out

    def close_tab(self, index: int) -> bool:
        """Close a case tab, asking first if it has unsaved changes."""
        if index <= 0:
            return False
        widget = self.tabs.widget(index)
        unsaved = getattr(widget, "has_unsaved_changes", lambda: False)()
        if unsaved and not self.confirm_discard([self.tabs.tabText(index)]):
            return False
        self.tabs.removeTab(index)
        if widget is not None:
            widget.deleteLater()
        return True

    def close_current_tab(self) -> None:
        """Ctrl+W: close the case tab in front."""
        self.close_tab(self.tabs.currentIndex())

    def confirm_discard(self, references: list[str]) -> bool:
        """Ask whether to throw away unsaved changes to these cases."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("You have unsaved changes to {refs}. Discard them?").format(
                refs=", ".join(references)
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _case_changed(self, _reference: str) -> None:
        self.refresh()

    # --- actions ---------------------------------------------------------------------
    def new_complaint(self) -> None:
        """Ctrl+N: log a new complaint, then open it."""
        what = "The new complaint form opens"
        if self._when_ready("new complaint", self.new_complaint, what):
            self._log_complaint(None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """One file dragged over the window (an e-mail, said on dropping if not) may drop."""
        if self.env is not None and dropped_file(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """An e-mail (.msg or .eml) dropped on the window opens New complaint filled in."""
        path = dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.new_complaint_from_email(path)

    def new_complaint_from_email(self, path: str) -> None:
        """Log a complaint from the e-mail in ``path``: the form opens filled from it; a
        file that is not an e-mail gets a plain message and nothing opens."""
        from complaints_desktop.domain.errors import KnownError
        from complaints_desktop.services import inbox

        if self.env is None:
            return
        try:
            email = inbox.read_email(path)
        except KnownError as err:
            self.show_message(str(err))
            return
        self._log_complaint(email)

    def _log_complaint(self, email: inbox.Email | None) -> None:
        from complaints_desktop.ui.views.new_complaint import NewComplaintDialog

        reference = NewComplaintDialog.ask(self, self.opened, email)
        if reference:
            self.refresh()
            self.open_case(reference)

    def new_contact(self) -> None:
        """Log a compliment, enquiry, query or duty contact."""
        if not self._when_ready("new contact", self.new_contact, "The new contact form opens"):
            self.go_to(CONTACTS)
            return
        self.go_to(CONTACTS)
        pane = self.pane(CONTACTS)
        if hasattr(pane, "new_contact"):
            pane.new_contact()

    def print_acknowledgements(self) -> None:
        """Print every acknowledgement due today (once the database is open)."""
        what = "Today's acknowledgements are offered"
        if self._when_ready("acknowledgements", self.print_acknowledgements, what):
            self.queue.print_acknowledgements()

    def find_complaints(self) -> None:
        """Ctrl+F: the complaint list with the cursor in its search box."""
        if not self._when_ready("find", self.find_complaints, "The search box opens"):
            self.go_to(COMPLAINTS)
            return
        self.go_to(COMPLAINTS)
        pane = self.pane(COMPLAINTS)
        if hasattr(pane, "focus_search"):
            pane.focus_search()

    def refresh(self) -> None:
        """F5: reload the queue, the counts and the pane in front."""
        if self.env is None:  # the queue loads as soon as the database is open
            return
        self.queue.refresh()
        index = self.current_pane()
        pane: Any = self._panes.get(index)
        if index != QUEUE and hasattr(pane, "refresh"):
            pane.refresh()

    def show_message(self, text: str) -> None:
        """A message above the panes that does not stop the officer working."""
        if not self.message_bar.styleSheet():  # set on first use: these cost at start-up
            from PySide6.QtCore import Qt

            self.message_bar.setStyleSheet("QFrame { background: #fff4ce; color: #3b2f00; }")
            self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setText(text)
        self.message_bar.show()
        self.statusBar().showMessage(text, 10000)

    def show_shortcuts(self) -> None:
        """List the keyboard shortcuts (non-blocking)."""
        menus.show_shortcuts(self)

    def show_about(self) -> None:
        """Version and database (non-blocking)."""
        menus.show_about(self)

    # --- counts ----------------------------------------------------------------------
    @property
    def counts(self) -> Counts:
        """The latest deadline counts (all zero until the first queue has loaded)."""
        if self._counts is None:
            from complaints_desktop.domain.views import Counts

            self._counts = Counts()
        return self._counts

    def _queue_loaded(self, items: list[QueueItem]) -> None:
        if self._first_queue:
            self._first_queue = False
            settle_heap()
            after, self._after_queue = self._after_queue, {}
            for action in after.values():
                action()
        env = self.opened
        from complaints_desktop.services import queries

        run_in_background(
            lambda _t: queries.totals(env),
            lambda totals: self._set_counts(queries.counts_from(items, *totals)),
            lambda exc: self.show_message(describe_error(exc)),
            parent=self,
        )

    def _set_counts(self, counts: Counts) -> None:
        self._counts = counts
        self._update_title()
        self.counts_label.setText(
            self.tr("{o} overdue · {t} due today · {w} due this week · {n:,} open {c}").format(
                o=counts.overdue,
                t=counts.due_today,
                w=counts.due_this_week,
                n=counts.open_cases,
                c=self.tr("case") if counts.open_cases == 1 else self.tr("cases"),
            )
        )
        urgent = counts.overdue + counts.due_today
        self.nav.item(QUEUE).setText(
            self.tr("Work queue ({n})").format(n=urgent) if urgent else self.tr("Work queue")
        )
        self.counts_changed.emit(counts)
        if not self._welcome_checked:
            self._welcome_checked = True
            if counts.total == 0 and counts.contacts == 0 and not window_state.welcomed(self):
                self.show_welcome()

    def _update_title(self) -> None:
        title = self.tr("Complaints")
        c = self._counts
        if c is not None and (c.overdue or c.due_today):
            title += self.tr(" — {o} overdue, {t} due today").format(o=c.overdue, t=c.due_today)
        self.setWindowTitle(title)

    # --- welcome ---------------------------------------------------------------------
    def show_welcome(self) -> None:
        """Offer demo data or an empty start (once per database)."""
        from complaints_desktop.ui.views.welcome import WelcomeView

        welcome = WelcomeView(self.opened, self.database, self.writes, self)
        welcome.finished.connect(self._welcome_done)
        welcome.error_occurred.connect(self.show_message)
        self.stack.addWidget(welcome)
        self.stack.setCurrentWidget(welcome)
        self.tabs.setTabText(0, self.tr("Welcome"))
        self.welcome = welcome
        welcome.demo_button.setFocus()

    def _welcome_done(self, _filled: bool) -> None:
        window_state.mark_welcomed(self)
        self.stack.removeWidget(self.welcome)
        self.welcome.deleteLater()
        self.go_to(QUEUE)
        self.refresh()

    # --- print -----------------------------------------------------------------------
    def print_summary(self) -> None:
        """Ctrl+P: the work queue as a short PDF the manager can print."""
        if not self._when_ready("print", self.print_summary, "The daily summary is offered"):
            return
        if self._first_queue:  # offered once the queue it prints has loaded
            self._after_queue["print"] = self.print_summary
            return
        saved = self.queue.save_summary(self, self.opened.today())
        if saved:
            self.statusBar().showMessage(
                self.tr("Daily summary saved to {p}").format(p=saved), 10000
            )

    # --- state -----------------------------------------------------------------------
    def start(self) -> None:
        """Load the queue and counts (after the window is shown; at once if not yet open)."""
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = [
            ref
            for ref, widget in self.case_tabs().items()
            if getattr(widget, "has_unsaved_changes", lambda: False)()
        ]
        if unsaved and not self.confirm_discard(unsaved):
            event.ignore()
            return
        window_state.save(self)
        QThreadPool.globalInstance().waitForDone(3000)
        self.writes.waitForDone(10000)
        event.accept()
