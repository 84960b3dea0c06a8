/*
 * main.c -- cfc command line (placeholder until the front end lands).
 */
#include <stdio.h>

int main(int argc, char **argv);

int
main(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "cfc: not yet implemented\n");
	return 2;
}
