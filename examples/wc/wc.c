/*
 * wc: count lines, words and bytes, like the Unix tool. Reads standard input,
 * or the files named as arguments (give the program their folder with
 * `canonjs run --dir`). Options: -l lines, -w words, -c bytes (default: all).
 * Exits 1 if a file cannot be opened, 2 on a bad option.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct counts {
  unsigned long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

static void count(FILE *in, struct counts *c) {
  unsigned char buf[8192];
  int in_word = 0;
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
    c->bytes += n;
    for (size_t i = 0; i < n; i++) {
      if (buf[i] == '\n') c->lines++;
      if (isspace(buf[i])) {
        in_word = 0;
      } else if (!in_word) {
        in_word = 1;
        c->words++;
      }
    }
  }
}

static void print(const struct counts *c, const char *name) {
  if (show_lines) printf("%8lu", c->lines);
  if (show_words) printf("%8lu", c->words);
  if (show_bytes) printf("%8lu", c->bytes);
  if (name) printf(" %s", name);
  printf("\n");
}

int main(int argc, char **argv) {
  int first = 1;
  for (; first < argc && argv[first][0] == '-' && argv[first][1] != '\0'; first++) {
    if (strcmp(argv[first], "--") == 0) {
      first++;
      break;
    }
    for (const char *o = argv[first] + 1; *o; o++) {
      switch (*o) {
        case 'l': show_lines = 1; break;
        case 'w': show_words = 1; break;
        case 'c': show_bytes = 1; break;
        default:
          fprintf(stderr, "wc: unknown option -%c (use -l, -w, -c)\n", *o);
          return 2;
      }
    }
  }
  if (!show_lines && !show_words && !show_bytes) show_lines = show_words = show_bytes = 1;

  if (first == argc) {
    struct counts c = {0, 0, 0};
    count(stdin, &c);
    print(&c, NULL);
    return 0;
  }

  struct counts total = {0, 0, 0};
  int status = 0;
  for (int i = first; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    if (!f) {
      fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    struct counts c = {0, 0, 0};
    count(f, &c);
    fclose(f);
    print(&c, argv[i]);
    total.lines += c.lines;
    total.words += c.words;
    total.bytes += c.bytes;
  }
  if (argc - first > 1) print(&total, "total");
  return status;
}
