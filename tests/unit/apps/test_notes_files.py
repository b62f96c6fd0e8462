"""Notes as files under /sdcard/Documents/Notes, and the Files app acting on /sdcard."""

from .helpers import center, find, launch, scroll_to, tap, type_into

NOTES = "/sdcard/Documents/Notes"


def new_note(s, title: str, body: str) -> None:
    launch(s, "com.android.notes")
    tap(s, desc="New note")
    type_into(s, title, rid="note_title_edit")
    type_into(s, body, rid="note_body")
    tap(s, desc="Save")


def test_a_new_note_is_a_text_file(system):
    new_note(system, "Shopping", "eggs, milk")
    assert system.fs.read(f"{NOTES}/Shopping.txt") == b"eggs, milk"


def test_renaming_editing_and_searching_notes(system):
    new_note(system, "Shopping", "eggs")
    system.am.back()
    new_note(system, "Ideas", "a robot that waters plants")
    system.am.back()
    type_into(system, "robot", rid="search_notes")
    assert find(system, rid="note_title", text="Ideas") is not None
    assert find(system, rid="note_title", text="Shopping") is None
    tap(system, rid="note_title", text="Ideas")
    tap(system, rid="note_title_edit")
    system.input.text(" 2026")
    tap(system, rid="note_body")
    system.input.text(" and feeds the cat")
    tap(system, desc="Save")
    assert system.fs.listdir(NOTES) == ["Ideas 2026.txt", "Shopping.txt"]
    assert system.fs.read(f"{NOTES}/Ideas 2026.txt") == b"a robot that waters plants and feeds the cat"


def test_deleting_a_note_removes_the_file(system):
    new_note(system, "Temp", "x")
    tap(system, desc="Delete note")
    tap(system, text="Delete")
    assert system.fs.listdir(NOTES) == []


def test_back_saves_the_note(system):
    launch(system, "com.android.notes")
    tap(system, desc="New note")
    type_into(system, "Draft", rid="note_title_edit")
    system.input.key(4)  # hide the keyboard
    system.am.back()
    assert system.fs.exists(f"{NOTES}/Draft.txt")


def test_files_browse_new_folder_rename_move_and_delete(system):
    system.fs.write("/sdcard/Download/report.pdf", b"%PDF-1.4")
    launch(system, "com.android.documentsui")
    tap(system, desc="New folder")
    system.input.text("Work")
    tap(system, text="OK")
    assert system.fs.is_dir("/sdcard/Work")
    tap(system, text="Download")
    assert find(system, text="report.pdf") is not None
    node = find(system, text="report.pdf")
    system.input.long_press(*center(node))
    tap(system, desc="Rename")
    system.input.clear_text()
    system.input.text("q3-report.pdf")
    tap(system, text="OK")
    assert system.fs.listdir("/sdcard/Download") == ["q3-report.pdf"]
    system.input.long_press(*center(find(system, text="q3-report.pdf")))
    tap(system, desc="Move to")
    tap(system, desc="Navigate up")
    scroll_to(system, text="Work")
    tap(system, text="Work")
    tap(system, text="Move here")
    assert system.fs.read("/sdcard/Work/q3-report.pdf") == b"%PDF-1.4"
    system.input.long_press(*center(find(system, text="q3-report.pdf")))
    tap(system, desc="Delete")
    tap(system, text="OK")
    assert system.fs.listdir("/sdcard/Work") == []


def test_files_opens_text_files(system):
    system.fs.write("/sdcard/Download/readme.txt", b"hello from a file")
    launch(system, "com.android.documentsui")
    tap(system, text="Download")
    tap(system, text="readme.txt")
    assert find(system, rid="text_content", text="hello from a file") is not None
