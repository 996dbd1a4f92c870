/* SPDX-License-Identifier: BSD-3-Clause
 * Common macros and helpers of the DPDK 22.11 API that rtemem provides.
 */
#ifndef RTEMEM_RTE_COMMON_H
#define RTEMEM_RTE_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <limits.h>

#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

/* DPDK's own code spells the GNU keywords plainly; strict ISO modes lack them. */
#ifndef typeof
#define typeof __typeof__
#endif
#ifndef __cplusplus
#ifndef asm
#define asm __asm__
#endif
#endif

/* Which compiler: clang also defines __GNUC__, so it is tested first. */
#if defined __clang__
#define RTE_CC_CLANG
#define RTE_CC_IS_GNU 0
#elif defined __GNUC__
#define RTE_CC_GCC
#define RTE_CC_IS_GNU 1
#else
#define RTE_CC_IS_GNU 0
#endif
#if RTE_CC_IS_GNU
#define GCC_VERSION (__GNUC__ * 10000 + __GNUC_MINOR__ * 100 + __GNUC_PATCHLEVEL__)
#endif

#define RTE_STD_C11 __extension__
#define RTE_STR_(x) #x
#define RTE_STR(x) RTE_STR_(x)

#define __rte_unused __attribute__((__unused__))
#define __rte_packed __attribute__((__packed__))
#define __rte_aligned(a) __attribute__((__aligned__(a)))
#define __rte_cache_aligned __rte_aligned(RTE_CACHE_LINE_SIZE)
#define __rte_always_inline inline __attribute__((__always_inline__))
#define __rte_noinline __attribute__((__noinline__))
#define __rte_weak __attribute__((__weak__))
#define __rte_noreturn __attribute__((__noreturn__))
#define __rte_format_printf(f, a) __attribute__((__format__(__printf__, f, a)))
#define __rte_experimental
#define __rte_internal
#define __rte_deprecated __attribute__((__deprecated__))
#define __rte_deprecated_msg(msg) __attribute__((__deprecated__(msg)))
#define __rte_may_alias __attribute__((__may_alias__))
#define __rte_used __attribute__((used))
#define __rte_hot __attribute__((hot))
#define __rte_cold __attribute__((cold))
#define __rte_warn_unused_result __attribute__((warn_unused_result))
#define __rte_cache_min_aligned __rte_aligned(RTE_CACHE_LINE_MIN_SIZE)
/* gcc before 9 rejects alloc_size on function pointers; DPDK leaves it out there too. */
#if defined(RTE_CC_CLANG) || (RTE_CC_IS_GNU && GCC_VERSION >= 90000)
#define __rte_alloc_size(...) __attribute__((alloc_size(__VA_ARGS__)))
#else
#define __rte_alloc_size(...)
#endif
/* rtemem is not built with DPDK's ASan-aware allocator, so nothing needs exempting. */
#define __rte_no_asan
/* C++ has no restrict keyword; every C++ compiler DPDK supports has __restrict. */
#ifdef __cplusplus
#define __rte_restrict __restrict
#else
#define __rte_restrict restrict
#endif

/* A deprecation note printed where a deprecated macro is expanded. */
#if !defined(__INTEL_COMPILER)
#define RTE_PRAGMA(x) _Pragma(#x)
#define RTE_PRAGMA_WARNING(w) RTE_PRAGMA(GCC warning #w)
#define RTE_DEPRECATED(x) RTE_PRAGMA_WARNING(#x is deprecated)
#else
#define RTE_DEPRECATED(x)
#endif

/* Zero-size markers that name a position inside a struct (struct rte_mbuf's). */
__extension__ typedef void *RTE_MARKER[0];
__extension__ typedef uint8_t RTE_MARKER8[0];
__extension__ typedef uint16_t RTE_MARKER16[0];
__extension__ typedef uint32_t RTE_MARKER32[0];
__extension__ typedef uint64_t RTE_MARKER64[0];

#define RTE_SET_USED(x) (void)(x)
#define RTE_DIM(a) (sizeof(a) / sizeof((a)[0]))
#define RTE_MIN(a, b) __extension__({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define RTE_MAX(a, b) __extension__({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define RTE_BUILD_BUG_ON(cond) ((void)sizeof(char[1 - 2 * !!(cond)]))

/* Constructor/destructor priorities by name: RTE_INIT_PRIO(f, LOG) etc. */
#define RTE_PRIORITY_LOG 101
#define RTE_PRIORITY_BUS 110
#define RTE_PRIORITY_CLASS 120
#define RTE_PRIORITY_LAST 65535
#define RTE_PRIO(prio) RTE_PRIORITY_##prio
#define RTE_INIT_PRIO(func, prio) \
	static void __attribute__((constructor(RTE_PRIO(prio)), used)) func(void)
#define RTE_INIT(func) RTE_INIT_PRIO(func, LAST)
#define RTE_FINI_PRIO(func, prio) \
	static void __attribute__((destructor(RTE_PRIO(prio)), used)) func(void)
#define RTE_FINI(func) RTE_FINI_PRIO(func, LAST)

/* Swap two lvalues of the same type. */
#define RTE_SWAP(a, b) __extension__({ __typeof__(a) _a = (a); (a) = (b); (b) = _a; })
#define RTE_SIZEOF_FIELD(type, field) (sizeof(((type *)0)->field))
/* The field of *var, read as another type (var's own type gives the offset). */
#define RTE_CAST_FIELD(var, field, type) \
	(*(type *)((uintptr_t)(var) + offsetof(__typeof__(*(var)), field)))

/*
 * Split a format and its arguments so a macro can append to the format:
 * RTE_FMT(RTE_FMT_HEAD(__VA_ARGS__,) "\n", RTE_FMT_TAIL(__VA_ARGS__,)).
 * The "%.0s" eats the empty string that keeps the argument list non-empty.
 */
#define RTE_FMT(fmt, ...) fmt "%.0s", __VA_ARGS__ ""
#define RTE_FMT_HEAD(fmt, ...) fmt
#define RTE_FMT_TAIL(fmt, ...) __VA_ARGS__

/* Pointer arithmetic. */
#define RTE_PTR_ADD(ptr, x) ((void *)((uintptr_t)(ptr) + (x)))
#define RTE_PTR_SUB(ptr, x) ((void *)((uintptr_t)(ptr) - (x)))
#define RTE_PTR_DIFF(ptr1, ptr2) ((uintptr_t)(ptr1) - (uintptr_t)(ptr2))

/* Alignment; "align" must be a power of two. */
#define RTE_PTR_ALIGN_FLOOR(ptr, align) \
	((__typeof__(ptr))((uintptr_t)(ptr) & ~((uintptr_t)(align) - 1)))
#define RTE_PTR_ALIGN_CEIL(ptr, align) \
	RTE_PTR_ALIGN_FLOOR((__typeof__(ptr))RTE_PTR_ADD(ptr, (align) - 1), align)
#define RTE_PTR_ALIGN(ptr, align) RTE_PTR_ALIGN_CEIL(ptr, align)
#define RTE_ALIGN_FLOOR(val, align) \
	((__typeof__(val))((val) & (~((__typeof__(val))((align) - 1)))))
#define RTE_ALIGN_CEIL(val, align) \
	RTE_ALIGN_FLOOR(((val) + ((__typeof__(val))(align) - 1)), align)
#define RTE_ALIGN(val, align) RTE_ALIGN_CEIL(val, align)
#define RTE_ALIGN_MUL_CEIL(v, mul) ((((v) + (__typeof__(v))(mul) - 1) / ((__typeof__(v))(mul))) * (mul))
#define RTE_ALIGN_MUL_FLOOR(v, mul) (((v) / ((__typeof__(v))(mul))) * (mul))
#define RTE_CACHE_LINE_MASK (RTE_CACHE_LINE_SIZE - 1)
#define RTE_CACHE_LINE_ROUNDUP(size) RTE_ALIGN_CEIL(size, RTE_CACHE_LINE_SIZE)
#define RTE_CACHE_LINE_MIN_SIZE 64
#if RTE_CACHE_LINE_SIZE == 64
#define RTE_CACHE_LINE_SIZE_LOG2 6
#elif RTE_CACHE_LINE_SIZE == 128
#define RTE_CACHE_LINE_SIZE_LOG2 7
#else
#error "RTE_CACHE_LINE_SIZE must be 64 or 128"
#endif
/* The multiple of mul nearest to v; the upper one on a tie. */
#define RTE_ALIGN_MUL_NEAR(v, mul) __extension__({ \
	__typeof__(v) _ceil = RTE_ALIGN_MUL_CEIL(v, mul); \
	__typeof__(v) _floor = RTE_ALIGN_MUL_FLOOR(v, mul); \
	(_ceil - (v)) > ((v) - _floor) ? _floor : _ceil; })
#define RTE_IS_POWER_OF_2(n) ((n) && !(((n) - 1) & (n)))

static inline int rte_is_aligned(const void *ptr, unsigned int align)
{
	return RTE_PTR_ALIGN_FLOOR(ptr, align) == ptr;
}

static inline int rte_is_power_of_2(uint32_t n)
{
	return n && !(n & (n - 1));
}

static inline uint32_t rte_combine32ms1b(uint32_t x)
{
	x |= x >> 1;
	x |= x >> 2;
	x |= x >> 4;
	x |= x >> 8;
	x |= x >> 16;
	return x;
}

static inline uint64_t rte_combine64ms1b(uint64_t v)
{
	v |= v >> 1;
	v |= v >> 2;
	v |= v >> 4;
	v |= v >> 8;
	v |= v >> 16;
	v |= v >> 32;
	return v;
}

/* Smallest power of two >= x (0 for 0 and for values above 2^31). */
static inline uint32_t rte_align32pow2(uint32_t x)
{
	return rte_combine32ms1b(x - 1) + 1;
}

static inline uint32_t rte_align32prevpow2(uint32_t x)
{
	x = rte_combine32ms1b(x);
	return x - (x >> 1);
}

static inline uint64_t rte_align64pow2(uint64_t v)
{
	return rte_combine64ms1b(v - 1) + 1;
}

static inline uint64_t rte_align64prevpow2(uint64_t v)
{
	v = rte_combine64ms1b(v);
	return v - (v >> 1);
}

static inline uint32_t rte_bsf32(uint32_t v)
{
	return (uint32_t)__builtin_ctz(v);
}

static inline uint32_t rte_bsf64(uint64_t v)
{
	return (uint32_t)__builtin_ctzll(v);
}

/* As rte_bsf32, but defined for 0: returns 0 then, else 1 with the bit in *pos. */
static inline int rte_bsf32_safe(uint32_t v, uint32_t *pos)
{
	if (v == 0)
		return 0;
	*pos = rte_bsf32(v);
	return 1;
}

static inline int rte_bsf64_safe(uint64_t v, uint32_t *pos)
{
	if (v == 0)
		return 0;
	*pos = rte_bsf64(v);
	return 1;
}

static inline uint32_t rte_fls_u32(uint32_t x)
{
	return x == 0 ? 0 : 32 - (uint32_t)__builtin_clz(x);
}

static inline uint32_t rte_fls_u64(uint64_t x)
{
	return x == 0 ? 0 : 64 - (uint32_t)__builtin_clzll(x);
}

static inline uint32_t rte_log2_u32(uint32_t v)
{
	if (v == 0)
		return 0;
	v = rte_align32pow2(v);
	return rte_bsf32(v);
}

static inline uint32_t rte_log2_u64(uint64_t v)
{
	if (v == 0)
		return 0;
	v = rte_align64pow2(v);
	return rte_bsf64(v);
}

#define rte_compiler_barrier() __asm__ volatile("" : : : "memory")

/* IO virtual address: what a device puts on the bus. */
typedef uint64_t rte_iova_t;
#define RTE_BAD_IOVA ((rte_iova_t)-1)
typedef uint64_t phys_addr_t;
#define RTE_BAD_PHYS_ADDR ((phys_addr_t)-1)

/* Size units accepted by rte_str_to_size(): K, M, G (and T). */
uint64_t rte_str_to_size(const char *str);

/* Prints the message and exits; DPDK declares it here, rte_eal.h too. */
__rte_noreturn void rte_exit(int exit_code, const char *format, ...) __rte_format_printf(2, 3);

#define RTE_LEN2MASK(ln, tp) ((tp)((uint64_t)-1 >> (sizeof(uint64_t) * CHAR_BIT - (ln))))
#define container_of(ptr, type, member) \
	((type *)((uintptr_t)(ptr) - offsetof(type, member)))

#ifdef __cplusplus
}
#endif

#endif
