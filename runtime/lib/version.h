/*
 * version.h -- the project version, written into every image.
 */
#ifndef RT_VERSION_H
#define RT_VERSION_H

#define CFC_VERSION	"cfc-0.1.0"
#define SENDMAIL_VERSION "8.17.1.9"

#endif /* RT_VERSION_H */
