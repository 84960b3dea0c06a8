/*
 * cfb_ops.h -- instruction words and the opcode enumeration.
 *
 *   31      24 23      16 15                0
 *  +----------+----------+-------------------+
 *  |    op    |    A     |         B         |   op 8 | A 8 | B 16
 *  +----------+----------+-------------------+
 *  |    op    |              Bx              |   op 8 | Bx 24
 *  +----------+----------------------------------+
 */
#ifndef RT_CFB_OPS_H
#define RT_CFB_OPS_H

#include <stdint.h>

enum opfmt { FMT_N, FMT_A, FMT_B, FMT_AB, FMT_Bx };

#define OPF_LHS		0x01
#define OPF_RHS		0x02
#define OPF_BIND	0x04

enum opcode {
#define OP(name, fmt, flags, syn) OP_##name,
#include "opcodes.def"
#undef OP
	NUM_OPS
};

extern const char *const op_name[NUM_OPS];
extern const unsigned char op_fmt[NUM_OPS];
extern const unsigned char op_flags[NUM_OPS];
extern const char *const op_synopsis[NUM_OPS];

#define CFB_MAXARG_A	0xffu
#define CFB_MAXARG_B	0xffffu
#define CFB_MAXARG_Bx	0xffffffu

#define CFB_GET_OP(i)	((enum opcode)(((uint32_t)(i)) >> 24))
#define CFB_GET_A(i)	((((uint32_t)(i)) >> 16) & 0xffu)
#define CFB_GET_B(i)	(((uint32_t)(i)) & 0xffffu)
#define CFB_GET_Bx(i)	(((uint32_t)(i)) & 0xffffffu)

#define CFB_MK_AB(op, a, b) \
	(((uint32_t)(op) << 24) | (((uint32_t)(a) & 0xffu) << 16) | \
	 ((uint32_t)(b) & 0xffffu))
#define CFB_MK_Bx(op, bx) \
	(((uint32_t)(op) << 24) | ((uint32_t)(bx) & 0xffffffu))

#endif /* RT_CFB_OPS_H */
