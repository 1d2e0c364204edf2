// SPDX-License-Identifier: GPL-2.0-only
/* Who is calling: a task's executable, matched by inode against the programs named at load. */
#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "seal_internal.h"

/* Everything here runs inside ftrace callbacks too: preemption off, no sleeping. */

struct file *seal_mm_exe_get(struct mm_struct *mm)
{
	struct file *exe;

	if (!mm)
		return NULL;
	rcu_read_lock();
#ifdef SEAL_HAVE_GET_FILE_RCU_PTR
	/* 6.7 (0ede61d8589c) made files SLAB_TYPESAFE_BY_RCU; get_file_rcu() re-checks the pointer. */
	exe = get_file_rcu(&mm->exe_file);
#else
	exe = rcu_dereference(mm->exe_file);
	if (exe && !get_file_rcu(exe))
		exe = NULL;
#endif
	rcu_read_unlock();
	return exe;
}

struct file *seal_exe_get(void)
{
	return seal_mm_exe_get(current->mm);
}

/*
 * By inode, not by name: the paths were resolved and pinned at load, so a
 * copy (new inode) or another binary renamed onto the path fails, and a hard
 * link (same inode) passes.
 */
bool seal_inode_in(const struct seal_programs *progs, const struct inode *inode)
{
	unsigned int i;

	for (i = 0; i < progs->count; i++)
		if (inode == d_inode(progs->prog[i].path.dentry))
			return true;
	return false;
}

bool seal_caller_is(const struct seal_programs *progs)
{
	struct file *exe = seal_exe_get();
	bool match;

	if (!exe)
		return false;
	match = seal_inode_in(progs, file_inode(exe));
	fput(exe);
	return match;
}
