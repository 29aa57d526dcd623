"""The app's one key map: a key means one thing wherever it is bound.

Every screen's BINDINGS take their keys from here, so the map lives once. A letter is
never bound to two meanings on two screens; where a screen has no use for a key, the
key does nothing there. Keys in brackets are secondary: not in the footer (which has
80 columns to fit), but listed in help (f1) and in the command palette (ctrl+p).

| key            | means                              | where                            |
|----------------|------------------------------------|----------------------------------|
| f1, [?]        | help: this screen's keys           | everywhere (? not in a text field) |
| ctrl+q, [q]    | quit, asking first if text is unsaved | everywhere (q not in a text field) |
| ctrl+p         | the command palette: every action  | everywhere                       |
| escape         | back, close; in a filled filter, clear it first | everywhere        |
| ctrl+s         | save the form; export in Export    | forms, Export                    |
| [ctrl+z]       | undo the last delete               | everywhere                       |
| m              | Morning: set a decision            | Today                            |
| c              | Midday: the check                  | Today                            |
| e              | Evening: the review                | Today                            |
| [y]            | Yesterday's review, when it waits  | Today                            |
| h              | History                            | Today                            |
| k              | Calendar                           | Today                            |
| [i]            | Insights                           | Today                            |
| [x]            | Export                             | Today                            |
| /              | filter                             | History                          |
| enter          | open the day                       | History, Calendar                |
| ctrl+e         | edit                               | History, Day                     |
| d              | delete                             | History, Day                     |
| u              | show (or hide) deleted decisions   | History                          |
| r              | restore a deleted decision         | History, deleted ones shown      |
| left/p, right/n | the day before, the day after     | Day                              |
| arrows, pgup/pgdn | move the cursor, page           | Calendar                         |
| t              | back to today's date               | Calendar                         |
| v              | year view, month view              | Calendar                         |
| 1 2 3 4        | the period                         | Insights                         |
| ctrl+o         | carry a decision forward           | Morning                          |
| ctrl+t         | a breathing pause                  | Midday                           |

A question answers by the initials on its buttons (y/n; t/m/b for theirs, mine, both)
while it is open; nothing behind it can be reached meanwhile, so they cannot be mistaken
for the screen's own letters.
"""

from __future__ import annotations

# Everywhere (bound by the App).
HELP, HELP_TOO = "f1", "question_mark"
QUIT, QUIT_TOO = "ctrl+q", "q"
BACK = "escape"
SAVE = "ctrl+s"
UNDO = "ctrl+z"

# Today: the steps of the day, and the views of the past.
MORNING, MIDDAY, EVENING, YESTERDAY = "m", "c", "e", "y"
HISTORY, CALENDAR, INSIGHTS, EXPORT = "h", "k", "i", "x"

# A decision in History or the Day view.
FILTER = "slash"
OPEN = "enter"
EDIT = "ctrl+e"
DELETE = "d"
SHOW_DELETED = "u"
RESTORE = "r"
EARLIER, LATER = "left,p", "right,n"

# The calendar.
TO_TODAY = "t"
YEAR_OR_MONTH = "v"

# Insights' periods, in order.
PERIODS = ("1", "2", "3", "4")

# The forms.
CARRY_FORWARD = "ctrl+o"
PAUSE = "ctrl+t"

# A question's answers, the initials of its buttons.
YES, NO = "y", "n"
THEIRS, MINE, BOTH = "t", "m", "b"
