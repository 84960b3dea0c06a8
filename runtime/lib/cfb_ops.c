/*
 * cfb_ops.c -- opcode tables expanded from opcodes.def.
 */
#include "cfb_ops.h"

const char *const op_name[NUM_OPS] = {
#define OP(name, fmt, flags, syn) #name,
#include "opcodes.def"
#undef OP
};

const unsigned char op_fmt[NUM_OPS] = {
#define OP(name, fmt, flags, syn) FMT_##fmt,
#include "opcodes.def"
#undef OP
};

const unsigned char op_flags[NUM_OPS] = {
#define OP(name, fmt, flags, syn) flags,
#include "opcodes.def"
#undef OP
};

const char *const op_synopsis[NUM_OPS] = {
#define OP(name, fmt, flags, syn) syn,
#include "opcodes.def"
#undef OP
};
