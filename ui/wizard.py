"""First-run wizard: the unit profile and the first chief/admin account, or the demo data."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QRadioButton, QVBoxLayout, QWidget, QWizard, QWizardPage)

from models import session as core_session
from models.store import Store

from .errors import describe, show_error
from .widgets import error_label
from .worker import DbWorker, run_task

LEVELS = ["station", "county", "city", "province"]


def level_combo(parent: QWidget, labels: dict[str, str]) -> QComboBox:
    combo = QComboBox(parent)
    for key in LEVELS:
        combo.addItem(labels[key], key)
    return combo


class WelcomePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("欢迎使用执法台账"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "执法台账在本机保存自查自纠、案卷评查、问题整改台账和报送材料，不需要联网。"
            "数据经签名后可用 U 盘报送上级。\n\n首次使用请先登记本单位和负责人账号。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.real = QRadioButton(self.tr("登记本单位，开始正式使用"))
        self.real.setObjectName("choice_real")
        self.demo = QRadioButton(self.tr("先看看演示数据（青海省果洛州玛沁县大武超限检测站）"))
        self.demo.setObjectName("choice_demo")
        self.real.setChecked(True)
        # QWizard re-reads nextId()/isFinalPage() only on a page switch or setFinalPage(): without
        # this, choosing the demo left "Next" doing nothing and no "Finish" button.
        self.demo.toggled.connect(self.setFinalPage)
        layout.addWidget(self.real)
        layout.addWidget(self.demo)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return FirstRunWizard.PAGE_UNIT if self.real.isChecked() else -1

    def isFinalPage(self) -> bool:  # noqa: N802 - Qt override
        return self.demo.isChecked()


class UnitPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("本单位信息"))
        self.setSubTitle(self.tr("报送材料和签名都以此为准；以后可以在“设置”中修改。"))
        labels = {"province": self.tr("省级"), "city": self.tr("市州"),
                  "county": self.tr("县区"), "station": self.tr("站所")}
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("unit_name")
        self.name.setPlaceholderText(self.tr("如：玛沁县大武超限检测站"))
        self.code = QLineEdit()
        self.code.setObjectName("unit_code")
        self.code.setPlaceholderText(self.tr("统一社会信用代码或上级编定的单位代码"))
        self.level = level_combo(self, labels)
        self.level.setObjectName("unit_level")
        form.addRow(self.tr("单位名称"), self.name)
        form.addRow(self.tr("单位代码"), self.code)
        form.addRow(self.tr("层级"), self.level)
        box = QGroupBox(self.tr("上级单位（可选）"))
        sub = QFormLayout(box)
        self.parent_name = QLineEdit()
        self.parent_name.setObjectName("parent_name")
        self.parent_code = QLineEdit()
        self.parent_code.setObjectName("parent_code")
        self.parent_level = level_combo(self, labels)
        self.parent_level.setCurrentIndex(1)
        sub.addRow(self.tr("名称"), self.parent_name)
        sub.addRow(self.tr("代码"), self.parent_code)
        sub.addRow(self.tr("层级"), self.parent_level)
        form.addRow(box)
        self.registerField("unit_name*", self.name)
        self.registerField("unit_code*", self.code)

    def values(self) -> dict[str, Any]:
        unit: dict[str, Any] = {"name": self.name.text(), "code": self.code.text(),
                                "level": self.level.currentData()}
        if self.parent_name.text().strip():
            unit["parent"] = {"name": self.parent_name.text(), "code": self.parent_code.text(),
                              "level": self.parent_level.currentData()}
        return unit


class ChiefPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("负责人和第一个账号"))
        self.setSubTitle(self.tr("这个账号同时是负责人和管理员，之后可用它为其他人员建立账号。"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("chief_name")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("chief_title")
        self.title_edit.setPlaceholderText(self.tr("如：站长"))
        self.cert = QLineEdit()
        self.cert.setObjectName("chief_cert")
        self.phone = QLineEdit()
        self.phone.setObjectName("chief_phone")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password2 = QLineEdit()
        self.password2.setObjectName("password2")
        for edit in (self.password, self.password2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("职务"), self.title_edit)
        form.addRow(self.tr("执法证号"), self.cert)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("登录用户名"), self.username)
        form.addRow(self.tr("密码（至少 8 位）"), self.password)
        form.addRow(self.tr("再输入一次密码"), self.password2)
        self.message = error_label()
        form.addRow(self.message)
        self.registerField("chief_name*", self.name)
        self.registerField("username*", self.username)
        self.registerField("password*", self.password)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.password.text() != self.password2.text():
            self.message.setText(self.tr("两次输入的密码不一致。"))
            return False
        return True

    def chief(self) -> dict[str, Any]:
        return {"name": self.name.text(), "title": self.title_edit.text(),
                "cert_no": self.cert.text(), "phone": self.phone.text()}


class FirstRunWizard(QWizard):
    """Runs the setup (or the demo) on the worker; emits the user name to log in with."""

    PAGE_WELCOME, PAGE_UNIT, PAGE_CHIEF = 0, 1, 2
    finished_setup = Signal(str)

    def __init__(self, worker: DbWorker, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.store = store
        self.setWindowTitle(self.tr("首次设置 - 执法台账"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(620, 520)
        self.welcome = WelcomePage()
        self.unit_page = UnitPage()
        self.chief_page = ChiefPage()
        self.setPage(self.PAGE_WELCOME, self.welcome)
        self.setPage(self.PAGE_UNIT, self.unit_page)
        self.setPage(self.PAGE_CHIEF, self.chief_page)
        self._running = False

    def accept(self) -> None:
        """Finish: do the work on the worker, close only when it succeeded."""
        if self._running:
            return
        # Our accept() replaces QWizard's, so the page's own checks (passwords equal) run here,
        # before anything is stored.
        if not self.validateCurrentPage():
            return
        self._running = True
        if self.welcome.demo.isChecked():
            from models.demo import create_demo

            def demo(progress: Any, cancelled: Any) -> str:
                create_demo(self.store, with_signatures=True)
                return "chief"
            run_task(self.worker, self, self.tr("演示数据"), self.tr("正在建立演示数据…"), demo,
                     on_done=self._done, on_error=self._failed)
        else:
            self.worker.call(core_session.setup_installation, self.store,
                             unit=self.unit_page.values(), chief=self.chief_page.chief(),
                             username=self.chief_page.username.text(),
                             password=self.chief_page.password.text(),
                             on_done=lambda s: self._done(s.username), on_error=self._failed)

    def _done(self, username: str) -> None:
        self._running = False
        super().accept()
        self.finished_setup.emit(username)

    def _failed(self, exc: BaseException) -> None:
        """Keep every field as typed; say what to fix where the user is."""
        self._running = False
        if self.currentId() == self.PAGE_CHIEF:
            self.chief_page.message.setText(describe(exc))
        else:
            show_error(self, exc)
