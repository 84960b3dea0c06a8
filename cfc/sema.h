/*
 * sema.h -- semantic checks over the AST: every readcf error sendmail
 * would print, plus the cross-reference and rule-flow checks of
 * checks.def.  Reports through ctx->diag.
 */
#ifndef CFC_SEMA_H
#define CFC_SEMA_H

#include "cfc.h"

void	sema_check(struct cfc_ctx *ctx);

#endif /* CFC_SEMA_H */
