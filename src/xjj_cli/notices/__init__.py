"""The notices that follow a month's findings (SPEC §6): 约谈通知 and 问责函, and their register."""
