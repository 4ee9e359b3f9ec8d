"""Users (ADM-1): add, disable or enable, reset a password, change the role; and the users
whose sign-in is paused after wrong passwords (SRV-3), with the pause cleared on request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...labels import ROLE_NAMES, role_label
from ..table_model import Column, RowsModel
from .base import AdminPage, choices, line, select_first, selected_rows, table


class UsersModel(RowsModel):
    columns = (
        Column("User", lambda u: u.username),
        Column("Role", lambda u: role_label(u.role)),
        Column("Active", lambda u: u.active),
        Column("Demo password", lambda u: "still works" if u.demo_password else ""),
    )


class LockedOutModel(RowsModel):
    columns = (
        Column("User", lambda u: u.username),
        Column("Wrong passwords", lambda u: u.failures),
        Column("Paused for", lambda u: f"{u.seconds_left} s more"),
    )

    def _key(self, row: Any) -> object:
        return row.username


class UsersPage(AdminPage):
    title = "Users"
    authority = "Manage users"

    def __init__(self, desk: Any, parent: Any = None) -> None:
        super().__init__(desk, parent)
        self.setObjectName("adminUsers")
        self.model = UsersModel(self)
        self.view = table("usersTable", self.model)
        self.locked_model = LockedOutModel(self)
        self.locked_view = table("lockedOutTable", self.locked_model)
        self.add_button = self.button("&Add user…", "addUser", self.add_user)
        self.active_button = self.button("&Disable", "toggleActive", self.toggle_active,
                                         "Disable the chosen user, or enable a disabled one")
        self.password_button = self.button("Reset pass&word…", "resetPassword", self.reset_password)
        self.role_button = self.button("Change &role…", "changeRole", self.change_role)
        self.clear_button = self.button("C&lear pause", "clearPause", self.clear_pause,
                                        "Let the chosen user try to sign in again now")
        self.reload_button = self.button("Rel&oad", "reloadUsers", self.refresh)
        self.layout_.addWidget(self.section(
            "&Users", self.view,
            [self.add_button, self.active_button, self.password_button, self.role_button,
             self.reload_button]), 3)
        self.layout_.addWidget(self.section(
            "Sign-in &paused after wrong passwords", self.locked_view, [self.clear_button]), 1)
        self.layout_.addWidget(self.message)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.locked_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self._enable()

    # loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        desk = self.desk
        self.latest("users", lambda: (desk.users.list(), desk.users.locked_out()), self._loaded)

    def _loaded(self, found: tuple[list[Any], list[Any]]) -> None:
        users, locked = found
        self.model.set_rows(users)
        self.locked_model.set_rows(locked)
        select_first(self.view)
        self._enable()

    def chosen(self) -> Any:
        rows = selected_rows(self.view)
        return rows[0] if rows else None

    def _enable(self) -> None:
        user = self.chosen()
        for button in (self.active_button, self.password_button, self.role_button):
            button.setEnabled(user is not None)
        self.active_button.setText("&Enable" if user is not None and not user.active else "&Disable")
        self.clear_button.setEnabled(bool(selected_rows(self.locked_view)))

    # commands -------------------------------------------------------------------------
    def add_user(self) -> None:
        name = line("newUserName", placeholder="letters, digits, dot, dash")
        password = line("newUserPassword")
        password.setEchoMode(password.EchoMode.Password)
        role = choices("newUserRole", ROLE_NAMES)
        desk = self.desk

        def build() -> Callable[[], Any]:
            values = name.text(), password.text(), role.currentData()
            return lambda: desk.users.create(*values)

        self.form("Add User", "addUserDialog",
                  [("User &name:", name), ("&Password:", password), ("&Role:", role)],
                  build, lambda user: f"User {user.username} added as {role_label(user.role)}.")

    def toggle_active(self) -> None:
        user = self.chosen()
        if user is None:
            return
        desk, on = self.desk, not user.active
        self.change(lambda: desk.users.set_active(user.username, on),
                    lambda done: f"{done.username} is {'enabled' if done.active else 'disabled'}.")

    def reset_password(self) -> None:
        user = self.chosen()
        if user is None:
            return
        password = line("resetPasswordValue")
        password.setEchoMode(password.EchoMode.Password)
        desk = self.desk

        def build() -> Callable[[], Any]:
            value = password.text()
            return lambda: desk.users.set_password(user.username, value)

        self.form(f"Reset Password of {user.username}", "resetPasswordDialog",
                  [("New &password:", password)], build,
                  lambda done: f"The password of {done.username} was reset; tell them the new one.")

    def change_role(self) -> None:
        user = self.chosen()
        if user is None:
            return
        role = choices("changeRoleValue", ROLE_NAMES, user.role)
        desk = self.desk

        def build() -> Callable[[], Any]:
            value = role.currentData()
            return lambda: desk.users.set_role(user.username, value)

        self.form(f"Role of {user.username}", "changeRoleDialog", [("&Role:", role)], build,
                  lambda done: f"{done.username} is now {role_label(done.role)}.")

    def clear_pause(self) -> None:
        rows = selected_rows(self.locked_view)
        if not rows:
            return
        desk, name = self.desk, rows[0].username
        self.change(lambda: desk.users.clear_sign_in_pause(name),
                    lambda done: f"{done.username} may sign in again now.")
