# SPDX-License-Identifier: GPL-2.0-or-later
# No parameters: ioperm and iopl (raw port access without /dev/port) get EPERM after the seal, logged op=ioperm reason=sealed.
expect_ok sysload ioperm
expect_ok sysload iopl
seal_load
expect_refused port 1 ioperm sealed sysload ioperm
expect_refused port 1 ioperm sealed sysload iopl
