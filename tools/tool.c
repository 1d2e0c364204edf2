// SPDX-License-Identifier: GPL-2.0-or-later
/* What every seal tool does the same way: the popt prologue, --version, bad lines of a file on stderr, bounded; why a file cannot be opened. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <seal/seal.h>

#include "log.h"
#include "tool.h"

int tool_options(poptContext pc)
{
	int rc;

	while ((rc = poptGetNextOpt(pc)) > 0)
		if (rc == 'v')
			log_verbose++;
	if (rc < -1) {
		ERR("%s: %s\n", poptBadOption(pc, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		return -1;
	}
	return 0;
}

void tool_print_version(void)
{
	printf("%s %s\n", program_invocation_short_name, PACKAGE_VERSION);
}

const char *tool_open_strerror(const char *path, int err, char *buf)
{
	return tool_open_strerror_at(SEAL_ROOT_HOST, path, err, buf);
}

bool tool_special_at(int rootfd, const char *path)
{
	struct stat st;

	return seal_root_stat(rootfd, path, &st, 0) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

const char *tool_open_strerror_at(int rootfd, const char *path, int err, char *buf)
{
	char target[PATH_MAX];
	ssize_t n = -1;
	int fd;

	if (err == -ENOENT || err == -ENOLINK) {
		/* the link itself, its directory as found inside the root */
		fd = seal_root_openat(rootfd, path, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0);
		if (fd >= 0) {
			n = readlinkat(fd, "", target, sizeof(target) - 1);
			close(fd);
		}
		if (n >= 0) {
			target[n] = '\0';
			snprintf(buf, TOOL_STRERROR_MAX, "a dangling symlink to %s", target);
			return buf;
		}
	}
	if (err == -EINVAL && tool_special_at(rootfd, path)) {
		/* what an open that wants a regular file refuses (a FIFO could hang the reader) */
		return "not a regular file";
	}
	return strerror(-err);
}

static struct tool_lines tool_stderr_lines;

static void lines_emit(const struct tool_lines *l, const char *file, unsigned long line, const char *reason)
{
	if (l->emit)
		l->emit(l->ctx, file, line, reason);
	else if (line)
		ERR("%s:%lu: %s\n", file, line, reason);
	else
		ERR("%s: %s\n", file, reason);
}

void tool_lines_end(struct tool_lines *l)
{
	char msg[96];

	if (!l)
		l = &tool_stderr_lines;
	if (l->file && l->more) {
		snprintf(msg, sizeof(msg), "and %lu more bad line%s, not shown", l->more,
			 l->more == 1 ? "" : "s");
		lines_emit(l, l->file, 0, msg);
	}
	free(l->file);
	l->file = NULL;
	l->shown = l->more = 0;
}

/*
 * A list of 20 MB of garbage has hundreds of thousands of bad lines, and each
 * one printed reaches a terminal, a cron mail or the journal (seal-verify
 * --syslog, hourly): a few name the problem, a count says the rest.
 */
void tool_report_line(void *ctx, const char *file, unsigned long line, const char *reason)
{
	struct tool_lines *l = ctx ? ctx : &tool_stderr_lines;

	if (!l->file || strcmp(l->file, file) != 0) {
		tool_lines_end(l);
		l->file = strdup(file);
	}
	if (l->shown < TOOL_LINES_SHOWN) {
		l->shown++;
		lines_emit(l, file, line, reason);
	} else {
		l->more++;
	}
}
