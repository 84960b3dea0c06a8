/*
 * cfmta.c -- runtime entry point (placeholder).
 */
#include <stdio.h>

int main(int argc, char **argv);

int
main(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "cfmta: not yet implemented\n");
	return 2;
}
