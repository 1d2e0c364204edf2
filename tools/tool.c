// SPDX-License-Identifier: GPL-2.0-or-later
/* What every seal tool does the same way: the popt prologue, --version, bad list lines on stderr. */
#include <stdio.h>

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

void tool_report_line(void *ctx, const char *file, unsigned long line, const char *reason)
{
	ERR("%s:%lu: %s\n", file, line, reason);
}
