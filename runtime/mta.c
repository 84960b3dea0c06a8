/*
 * mta.c -- loading one configuration into a struct mta (a .cfb image or
 * a .cf text, with the sticky command-line options, host identity and
 * the built-in mailers), and printing rule messages as sendmail does in
 * test mode.  Apart from cfmta.c's main so that the daemon (reloading
 * on SIGHUP) and the fuzz targets link it without a main of their own.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "alias_expand.h"
#include "cfb.h"
#include "map.h"
#include "mta.h"
#include "xmem.h"

void
mta_emit(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	const char *t = text;
	bool code_ok = false;
	int code = 0;

	(void)arg;
	if (kind == RWM_PRINT) {
		fputs(text, stdout);
		return;
	}
	if (isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
	    isdigit((unsigned char)t[2]) && (t[3] == ' ' || t[3] == '-')) {
		code = (t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0');
		code_ok = true;
		t = rw_skip_dsncode(t + 4);
	}
	struct buf line = BUF_INIT;
	if (to != NULL && code_ok && (code == 50 || code == 250 || code == 252 ||
	    code == 450 || code == 550 || code == 553)) {
		/* sendmail shortens the address to MAXSHORTSTR (203) */
		size_t len = strlen(to);
		if (len < 203)
			buf_printf(&line, "%s... ", to);
		else
			buf_printf(&line, "%.100s...%s... ", to, to + len - 100);
	}
	buf_puts(&line, t);
	/* messages reach the terminal as 7-bit text */
	for (size_t i = 0; i < line.len; i++)
		putchar(line.s[i] & 0x7f);
	putchar('\n');
	buf_fini(&line);
}


/* host identity: $w $j $m $k and $=w, as sendmail derives them */
static void
set_identity(struct cf *cf)
{
	char host[MAXNAME + 1];
	struct utsname u;
	int st;

	if (gethostname(host, sizeof(host) - 1) != 0)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	if (strchr(host, '.') == NULL) {
		char canon[MAXNAME + 1];
		snprintf(canon, sizeof(canon), "%s", host);
		if (map_getcanonname(cf, canon, sizeof(canon), &st) &&
		    strchr(canon, '.') != NULL)
			snprintf(host, sizeof(host), "%s", canon);
	}
	rw_mactab_set(&cf->mac, 'w', host);
	rw_mactab_set(&cf->mac, 'j', host);
	const char *dot = strchr(host, '.');
	if (dot != NULL)
		rw_mactab_set(&cf->mac, 'm', dot + 1);
	rw_class_add(&cf->cls, 'w', host);
	if (dot != NULL)
		rw_class_add(&cf->cls, 'm', dot + 1);
	if (uname(&u) == 0) {
		rw_mactab_set(&cf->mac, 'k', u.nodename);
		rw_class_add(&cf->cls, 'k', u.nodename);
	}
	rw_mactab_set(&cf->mac, 'v', "8.17.1.9");
	rw_mactab_set(&cf->mac, '_', "root@localhost");
}

/*
 * Unless DontProbeInterfaces says otherwise, every IPv4 address of an
 * interface that is up joins $=w as "[a.b.c.d]", as sendmail does
 * ("loopback" skips loopback interfaces).  Names for the addresses come
 * from the hosts file only: no resolver is consulted.
 */
static void
probe_interfaces(struct cf *cf)
{
	const char *v = cf->optv[OPT_DONTPROBEINTERFACES];
	bool skiploop = false;
	struct ifaddrs *ifa, *i;

	if (v != NULL) {
		if (strcasecmp(v, "loopback") == 0)
			skiploop = true;
		else if (*v == '\0' || strchr("tTyY", *v) != NULL)
			return;
	}
	if (getifaddrs(&ifa) != 0)
		return;
	for (i = ifa; i != NULL; i = i->ifa_next) {
		char ip[INET_ADDRSTRLEN], word[INET_ADDRSTRLEN + 2];
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET ||
		    !(i->ifa_flags & IFF_UP))
			continue;
		if (skiploop && (i->ifa_flags & IFF_LOOPBACK))
			continue;
		const struct sockaddr_in *sin = (const void *)i->ifa_addr;
		if (sin->sin_addr.s_addr == htonl(INADDR_ANY))
			continue;
		if (inet_ntop(AF_INET, &sin->sin_addr, ip, sizeof(ip)) == NULL)
			continue;
		snprintf(word, sizeof(word), "[%s]", ip);
		if (!rw_class_has(&cf->cls, 'w', word))
			rw_class_add(&cf->cls, 'w', word);
	}
	freeifaddrs(ifa);
}

static void
builtin_mailers(struct cf *cf)
{
	static const char *const defs[] = {
		"prog, P=/bin/sh, F=lsouDq9, T=X-Unix/X-Unix/X-Unix, A=sh -c $u",
		"*file*, P=[FILE], F=lsDFMPEouq9, T=X-Unix/X-Unix/X-Unix, A=FILE $u",
		"*include*, P=/dev/null, F=su, A=INCLUDE $u",
	};
	for (size_t i = 0; i < sizeof(defs) / sizeof(defs[0]); i++) {
		struct buf tb = BUF_INIT;
		rw_translate_dollars(&cf->mn, defs[i], strlen(defs[i]), 0, &tb, NULL);
		char *s = xstrdup(buf_cstr(&tb));
		cf_makemailer(cf, s);
		free(s);
		buf_fini(&tb);
	}
}

static char *
read_file(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*lenp = b.len;
	if (b.s == NULL)
		buf_addch(&b, '\0'), b.len = 0;
	return buf_steal(&b);
}

/*
 * Load the configuration spec names into m: the sticky command-line
 * options first, host identity, the built-in mailers, then the image (or
 * .cf text), interface probing, the defaults cf_finish fills in, the VM.
 * Long-running processes (spec->privcopy) read the image into their own
 * memory: a file rewritten in place under a daemon and its sessions
 * cannot change or truncate what they run.  0 on success; otherwise
 * MTA_NOFILE (sendmail's message is on stdout) or MTA_BADIMAGE, with the
 * reason in why.
 */
int
mta_load(struct mta *m, const struct mta_spec *spec, char *why, size_t whysz)
{
	struct rw_msgs out = { mta_emit, m };
	size_t len = 0;
	char *text = NULL;
	void *map = NULL;

	memset(m, 0, sizeof(*m));
	cf_init(&m->cf, &out);
	m->spec = spec;
	m->cfpath = spec->cfpath;
	/* sticky command-line options come first */
	for (int i = 0; i < spec->nopt; i++) {
		const char *o = spec->optv[i];
		if (o[0] == ' ')
			cf_setoption(&m->cf, ' ', o + 1, true);
		else
			cf_setoption(&m->cf, o[0], o[0] ? o + 1 : o, true);
	}
	set_identity(&m->cf);
	/*
	 * -M and -oM macros: after the host identity (so -Mj names the
	 * host) and before the cf's D lines (which win), as in sendmail
	 */
	for (int i = 0; i < spec->nmac; i++) {
		const char *ep;
		int id = rw_macid_parse(&m->cf.mn, spec->macv[i], &ep, NULL);
		if (id != 0)
			rw_mactab_set(&m->cf.mac, id, ep);
	}
	/* ${opMode} is defined before the cf is read (rules expand it then);
	 * it is the mode letter, as sendmail sets it */
	rw_mactab_set(&m->cf.mac, MID_OPMODE, spec->opmode);
	builtin_mailers(&m->cf);
	m->cf.testmode = spec->mode == 't';

	int fd = open(spec->cfpath, O_RDONLY | O_CLOEXEC);
	struct stat st;
	unsigned char magic[4];
	if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size >= 4 &&
	    pread(fd, magic, 4, 0) == 4 && cfb_is_image(magic, 4)) {
		len = (size_t)st.st_size;
		m->is_image = true;
		if (spec->privcopy) {
			text = xmalloc(len);
			size_t got = 0;
			while (got < len) {
				ssize_t n = pread(fd, text + got, len - got,
				    (off_t)got);
				if (n < 0 && errno == EINTR)
					continue;
				if (n <= 0)
					break;
				got += (size_t)n;
			}
			len = got;	/* a short read fails verification */
			m->image = text;
		} else {
			map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
			if (map != MAP_FAILED) {
				text = map;
				m->image = map;
				m->imagelen = len;
				m->image_mapped = true;
			}
		}
	}
	int oerr = errno;
	if (fd >= 0)
		close(fd);
	if (text == NULL) {
		text = read_file(spec->cfpath, &len);
		oerr = errno;
		m->image = text;
		if (text == NULL) {
			printf("%s: line 0: cannot open: %s\n", spec->cfpath,
			    strerror(oerr));
			snprintf(why, whysz, "cannot open: %s", strerror(oerr));
			return MTA_NOFILE;
		}
		cf_read_text(&m->cf, spec->cfpath, text, len);
	} else if (cfb_load(&m->cf, spec->cfpath, text, len, why, whysz) != 0)
		return MTA_BADIMAGE;
	probe_interfaces(&m->cf);
	cf_finish(&m->cf);

	vm_init(&m->vm, &m->cf, &out);
	m->vm.testmode = spec->mode == 't';
	int opm = rw_macid_long(&m->cf.mn, "opMode");
	rw_mactab_set(&m->vm.envmac, opm, spec->opmode);
	/*
	 * What sendmail defines before anything runs: ${deliveryMode} (its
	 * letter; address test mode delivers interactively), an empty
	 * ${quarantine}, ${addr_type} of an envelope recipient
	 */
	const char *dm = m->cf.optv[OPT_DELIVERYMODE];
	char dml[2] = { spec->mode == 't' ? 'i' : dm != NULL && *dm != '\0' ?
	    (char)tolower((unsigned char)*dm) : 'b', '\0' };
	rw_mactab_set(&m->vm.envmac, rw_macid_long(&m->cf.mn, "deliveryMode"),
	    dml);
	rw_mactab_set(&m->vm.envmac, rw_macid_long(&m->cf.mn, "quarantine"), "");
	rw_mactab_set(&m->vm.envmac, rw_macid_long(&m->cf.mn, "addr_type"),
	    "e r");
	return 0;
}

void
mta_unload(struct mta *m)
{
	if (m->vm.cf != NULL)
		vm_fini(&m->vm);
	aliases_forget(&m->cf);
	cf_fini(&m->cf);
	if (m->image_mapped)
		munmap(m->image, m->imagelen);
	else
		free(m->image);
	m->image = NULL;
}
