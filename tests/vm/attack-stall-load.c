/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest program: N loads of one module in flight behind a first one stalled inside load_module(). */

/*
 *   attack-stall-load IMAGE N
 *
 * A first init_module(IMAGE) is held inside load_module(), after every load
 * hook has seen its bytes, by a userfaultfd on the page of its parameter
 * string: the kernel copies the parameters (strndup_user) after relocating
 * the module and before MODULE_STATE_COMING. Then N processes each call
 * init_module(IMAGE): each passes the load hooks and waits in the kernel for
 * the first to finish. Once all N wait (their /proc/PID/stack shows
 * load_module), the first is let go.
 *
 * Prints "first=RESULT EEXIST=x ok=y other=z[ (ERRNO...)]" and exits 0 when
 * the first loaded and the N others got EEXIST: what the kernel does with
 * duplicate loads, sealed or not.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_N 512

static void *image;
static size_t image_len;
static char *stalled_params;
static int first_errno = -1;

static void *first_load(void *unused)
{
	first_errno = syscall(SYS_init_module, image, image_len, stalled_params) == 0 ? 0 : errno;
	return NULL;
}

static int read_image(const char *path)
{
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(path);
		return -1;
	}
	image_len = (size_t)st.st_size;
	image = malloc(image_len);
	n = image ? read(fd, image, image_len) : -1;
	close(fd);
	if (n != (ssize_t)image_len) {
		fprintf(stderr, "%s: short read\n", path);
		return -1;
	}
	return 0;
}

/* Whether process pid sleeps inside load_module (its kernel stack names it). */
static int waits_in_load_module(pid_t pid)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stack", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strstr(buf, "load_module") != NULL;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	struct uffdio_zeropage zero = { .mode = 0 };
	struct uffd_msg msg;
	struct pollfd pfd;
	pid_t kids[MAX_N];
	long page = sysconf(_SC_PAGESIZE);
	int n, i, uffd, waiting = 0, tries, eexist = 0, ok = 0, other = 0;
	char others[256] = " ";        /* " EBUSY EPERM ": each errno the others got, once */
	pthread_t t;

	if (argc != 3 || (n = atoi(argv[2])) <= 0 || n > MAX_N) {
		fprintf(stderr, "usage: attack-stall-load IMAGE N   (N <= %d)\n", MAX_N);
		return 2;
	}
	if (read_image(argv[1]) < 0)
		return 2;
	uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api) < 0) {
		perror("userfaultfd");
		return 2;
	}
	stalled_params = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stalled_params == MAP_FAILED)
		return 2;
	reg.range.start = (unsigned long)stalled_params;
	reg.range.len = (unsigned long)page;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg) < 0) {
		perror("UFFDIO_REGISTER");
		return 2;
	}
	if (pthread_create(&t, NULL, first_load, NULL) != 0)
		return 2;
	pfd.fd = uffd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 60000) != 1 || read(uffd, &msg, sizeof(msg)) != sizeof(msg)) {
		pthread_join(t, NULL);
		printf("the first load never stalled (first=%s)\n", first_errno ? strerror(first_errno) : "ok");
		return 1;
	}
	for (i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] < 0) {
			perror("fork");
			return 2;
		}
		if (kids[i] == 0)
			_exit(syscall(SYS_init_module, image, image_len, "") == 0 ? 0 : errno);
	}
	/* until every process waits behind the first (each has passed the load hooks by then) */
	for (tries = 0; tries < 600; tries++) {
		for (waiting = 0, i = 0; i < n; i++)
			waiting += waits_in_load_module(kids[i]);
		if (waiting == n)
			break;
		sleep_ms(100);
	}
	if (waiting != n)
		fprintf(stderr, "attack-stall-load: only %d of %d loads waiting after 60 s; going on\n", waiting, n);
	zero.range.start = (unsigned long)stalled_params;
	zero.range.len = (unsigned long)page;
	if (ioctl(uffd, UFFDIO_ZEROPAGE, &zero) < 0) {
		perror("UFFDIO_ZEROPAGE");
		for (i = 0; i < n; i++)
			kill(kids[i], SIGKILL);
		return 2;
	}
	pthread_join(t, NULL);
	for (i = 0; i < n; i++) {
		int status, e;

		if (waitpid(kids[i], &status, 0) < 0 || !WIFEXITED(status))
			e = -1;
		else
			e = WEXITSTATUS(status);
		if (e == 0) {
			ok++;
		} else if (e == EEXIST) {
			eexist++;
		} else {
			const char *name = e < 0 ? "killed" : strerrorname_np(e) ? strerrorname_np(e) : "?";
			char word[40];

			other++;
			snprintf(word, sizeof(word), " %s ", name);
			if (!strstr(others, word) && strlen(others) + strlen(word) < sizeof(others))
				strcat(others, word + 1);
		}
	}
	others[strlen(others) - 1] = '\0';
	printf("waiting=%d first=%s EEXIST=%d ok=%d other=%d%s%s%s\n", waiting,
	       first_errno ? strerrorname_np(first_errno) : "ok", eexist, ok, other,
	       other ? " (" : "", other ? others + 1 : "", other ? ")" : "");
	return first_errno == 0 && eexist == n ? 0 : 1;
}
