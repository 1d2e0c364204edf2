# SPDX-License-Identifier: GPL-2.0-or-later
# Bad parameters: a value outside the documented spellings makes the load fail and nothing is sealed.
for p in read=maybe no_remove=maybe kexec=maybe read=; do
	seal_load_refused "$p"
done
assert_unsealed
