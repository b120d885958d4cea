/*
 * The `shop` world (shop.wit) implemented in C by hand, with no bindings
 * generator: each export follows the component model's canonical ABI.
 *
 * - A string is (pointer, byte length) of UTF-8; a list<T> is (pointer, count)
 *   of T laid out one after another.
 * - `item` is { name: string @0, quantity: u32 @8, unit-price: f64 @16 }: 24 bytes,
 *   aligned to 8. `summary` is { lines @0, units @4, total: f64 @8, names @16 }: 24 bytes.
 * - Arguments arrive as flat core values; a result larger than one value is
 *   written to memory and its address returned. The host copies it out, then
 *   calls `cabi_post_<name>` so we can free it.
 * - `cabi_realloc` is how the host allocates in our memory to pass arguments in.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *ptr;
  size_t len;
} string_t;

typedef struct {
  string_t name;
  uint32_t quantity;
  double unit_price;
} item_t;

typedef struct {
  string_t *ptr;
  size_t len;
} string_list_t;

typedef struct {
  uint32_t lines;
  uint32_t units;
  double total;
  string_list_t names;
} summary_t;

_Static_assert(sizeof(item_t) == 24 && _Alignof(item_t) == 8, "item layout");
_Static_assert(sizeof(summary_t) == 24 && __builtin_offsetof(summary_t, names) == 16, "summary layout");

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  (void)align; /* malloc's alignment (16) covers every canonical ABI type */
  if (new_size == 0) return (void *)align;
  void *p = realloc(old, new_size);
  if (!p) abort();
  return p;
}

/* Arguments the host passed in were allocated with cabi_realloc: ours to free. */
static void free_items(item_t *items, size_t n) {
  for (size_t i = 0; i < n; i++) free(items[i].name.ptr);
  free(items);
}

static string_t copy_string(const char *p, size_t len) {
  string_t s = {malloc(len ? len : 1), len};
  memcpy(s.ptr, p, len);
  return s;
}

/* summarize: func(items: list<item>) -> summary */
static summary_t summary_ret;

__attribute__((export_name("summarize")))
summary_t *summarize(item_t *items, size_t n) {
  summary_t s = {0, 0, 0.0, {malloc(n ? n * sizeof(string_t) : 1), n}};
  for (size_t i = 0; i < n; i++) {
    s.lines++;
    s.units += items[i].quantity;
    s.total += items[i].quantity * items[i].unit_price;
    s.names.ptr[i] = copy_string(items[i].name.ptr, items[i].name.len);
  }
  free_items(items, n);
  summary_ret = s;
  return &summary_ret;
}

__attribute__((export_name("cabi_post_summarize")))
void summarize_post(summary_t *ret) {
  for (size_t i = 0; i < ret->names.len; i++) free(ret->names.ptr[i].ptr);
  free(ret->names.ptr);
}

/* receipt: func(customer: string, items: list<item>) -> string */
static string_t string_ret;

__attribute__((export_name("receipt")))
string_t *receipt(char *customer, size_t customer_len, item_t *items, size_t n) {
  size_t cap = 128 + customer_len;
  for (size_t i = 0; i < n; i++) cap += 64 + items[i].name.len;
  char *out = malloc(cap);
  size_t len = (size_t)snprintf(out, cap, "Receipt for %.*s\n", (int)customer_len, customer);
  double total = 0;
  for (size_t i = 0; i < n; i++) {
    double line = items[i].quantity * items[i].unit_price;
    total += line;
    len += (size_t)snprintf(out + len, cap - len, "  %3u x %-12.*s %8.2f\n", items[i].quantity,
                            (int)items[i].name.len, items[i].name.ptr, line);
  }
  len += (size_t)snprintf(out + len, cap - len, "  total %22.2f\n", total);
  free(customer);
  free_items(items, n);
  string_ret = (string_t){out, len};
  return &string_ret;
}

__attribute__((export_name("cabi_post_receipt")))
void receipt_post(string_t *ret) {
  free(ret->ptr);
}

/* split-words: func(text: string) -> list<string> */
static string_list_t words_ret;

__attribute__((export_name("split-words")))
string_list_t *split_words(char *text, size_t len) {
  string_list_t words = {malloc(sizeof(string_t) * (len / 2 + 1)), 0};
  size_t i = 0;
  while (i < len) {
    while (i < len && text[i] == ' ') i++;
    size_t start = i;
    while (i < len && text[i] != ' ') i++;
    if (i > start) words.ptr[words.len++] = copy_string(text + start, i - start);
  }
  free(text);
  words_ret = words;
  return &words_ret;
}

__attribute__((export_name("cabi_post_split-words")))
void split_words_post(string_list_t *ret) {
  for (size_t i = 0; i < ret->len; i++) free(ret->ptr[i].ptr);
  free(ret->ptr);
}
