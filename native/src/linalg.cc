// rgwb_linalg: a thin N-API binding to LAPACK (LAPACKE) and CBLAS for RG Workbench.
//
// Every function copies its Float64Array inputs into fresh output buffers (inputs are never
// modified) and returns LAPACK's `info` so the TypeScript wrapper
// (src-main/engine/linalg-native.ts) can raise the same errors as the pure implementation.
// Shapes are validated again in TypeScript; the checks here only guard memory safety.
//
// Layout. TypeScript matrices are row-major. A row-major buffer read as column-major is the
// transpose, so:
//   * symmetric A: the buffer is A in either layout; row-major lower = column-major upper.
//   * Cholesky: factorising the column-major view with uplo 'U' gives U with Aᵀ = A = UᵀU, and the
//     same memory read row-major is L = Uᵀ (lower, A = L Lᵀ). It reads the row-major lower
//     triangle only, exactly like the pure implementation.
//   * triangular solves: row-major L is column-major Lᵀ (upper), so L X = B is dtrtrs('U', 'T').
//   * right-hand sides B (n×m) are transposed into column-major n×m and back (O(nm) copies).
//   * dsyevd returns eigenvectors as contiguous columns; the wrapper sorts and lays them out.
#include <napi.h>

#include <cblas.h>
#include <lapacke.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace {

bool ThrowType(Napi::Env env, const std::string& msg) {
  Napi::TypeError::New(env, "rgwb_linalg: " + msg).ThrowAsJavaScriptException();
  return false;
}

// Reads argument i as a Float64Array of exactly `len` elements.
bool GetF64(const Napi::CallbackInfo& info, size_t i, size_t len, const char* what, double** out) {
  Napi::Env env = info.Env();
  if (info.Length() <= i || !info[i].IsTypedArray() ||
      info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    return ThrowType(env, std::string(what) + " must be a Float64Array");
  }
  Napi::Float64Array arr = info[i].As<Napi::Float64Array>();
  if (arr.ElementLength() != len) {
    return ThrowType(env, std::string(what) + " has length " + std::to_string(arr.ElementLength()) +
                              ", expected " + std::to_string(len));
  }
  *out = arr.Data();
  return true;
}

// Reads argument i as a non-negative integer dimension small enough for 32-bit LAPACK indices.
bool GetDim(const Napi::CallbackInfo& info, size_t i, const char* what, lapack_int* out) {
  Napi::Env env = info.Env();
  if (info.Length() <= i || !info[i].IsNumber()) return ThrowType(env, std::string(what) + " must be a number");
  double v = info[i].As<Napi::Number>().DoubleValue();
  if (!(v >= 0) || v != std::floor(v) || v > 46340) {  // 46340² < 2³¹
    return ThrowType(env, std::string(what) + " must be an integer in [0, 46340]");
  }
  *out = static_cast<lapack_int>(v);
  return true;
}

Napi::Float64Array NewF64(Napi::Env env, size_t len) { return Napi::Float64Array::New(env, len); }

// row-major n×m → column-major n×m (and back: the same loop with the roles swapped).
void RowToCol(const double* src, double* dst, size_t n, size_t m) {
  for (size_t i = 0; i < n; i++)
    for (size_t r = 0; r < m; r++) dst[r * n + i] = src[i * m + r];
}
void ColToRow(const double* src, double* dst, size_t n, size_t m) {
  for (size_t r = 0; r < m; r++)
    for (size_t i = 0; i < n; i++) dst[i * m + r] = src[r * n + i];
}

// dpotrf(a: Float64Array, n, jitter) → { lower: Float64Array, info, value }
// info = 0: success, lower = L (row-major, strict upper zeroed).
// info = p+1 > 0: pivot p failed (≤ 0 or NaN); value = a_pp + jitter − Σ_{k<p} l_pk², recomputed
// from the original a and the final row p of L (LAPACK implementations differ in what they
// leave on the failing diagonal).
Napi::Value Dpotrf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  lapack_int n;
  double* a;
  if (!GetDim(info, 1, "n", &n) || !GetF64(info, 0, size_t(n) * n, "a", &a)) return env.Null();
  if (info.Length() <= 2 || !info[2].IsNumber()) return ThrowType(env, "jitter must be a number"), env.Null();
  double jitter = info[2].As<Napi::Number>().DoubleValue();

  Napi::Float64Array out = NewF64(env, size_t(n) * n);
  double* l = out.Data();
  std::memcpy(l, a, sizeof(double) * size_t(n) * n);
  for (lapack_int i = 0; i < n; i++) l[size_t(i) * n + i] += jitter;
  // The _work variants skip LAPACKE's NaN scan of the input, which would report NaN as a bad
  // argument; a NaN pivot is reported as a failing pivot below, as in the pure implementation.
  lapack_int res = n > 0 ? LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'U', n, l, n) : 0;
  if (res == 0) {
    // OpenBLAS's unblocked step tests ajj <= 0 only, so a NaN pivot passes (and poisons every
    // later one). The first NaN on the diagonal is the first failing pivot.
    for (lapack_int i = 0; i < n; i++) {
      if (std::isnan(l[size_t(i) * n + i])) {
        res = i + 1;
        break;
      }
    }
  }

  double value = 0;
  if (res > 0) {
    size_t p = size_t(res - 1);
    double s = a[p * n + p] + jitter;
    for (size_t k = 0; k < p; k++) s -= l[p * n + k] * l[p * n + k];
    value = s;
  }
  // Zero the strict upper triangle (row-major), which LAPACK leaves holding A.
  for (lapack_int i = 0; i < n; i++)
    for (lapack_int j = i + 1; j < n; j++) l[size_t(i) * n + j] = 0;

  Napi::Object result = Napi::Object::New(env);
  result.Set("lower", out);
  result.Set("info", Napi::Number::New(env, res));
  result.Set("value", Napi::Number::New(env, value));
  return result;
}

// dpotrs(lower, n, b, m) → { x: Float64Array (row-major n×m), info }: solves L Lᵀ X = B.
Napi::Value Dpotrs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  lapack_int n, m;
  double *l, *b;
  if (!GetDim(info, 1, "n", &n) || !GetDim(info, 3, "m", &m) || !GetF64(info, 0, size_t(n) * n, "lower", &l) ||
      !GetF64(info, 2, size_t(n) * m, "b", &b)) {
    return env.Null();
  }
  Napi::Float64Array out = NewF64(env, size_t(n) * m);
  lapack_int res = 0;
  if (n > 0 && m > 0) {
    std::vector<double> x(size_t(n) * m);
    RowToCol(b, x.data(), n, m);
    // Column-major view of row-major L is U = Lᵀ with A = UᵀU.
    res = LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, 'U', n, m, l, n, x.data(), n);
    ColToRow(x.data(), out.Data(), n, m);
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("x", out);
  result.Set("info", Napi::Number::New(env, res));
  return result;
}

// dtrtrs(t, n, b, m, lower: boolean) → { x, info }: solves T X = B, T the lower (or upper)
// triangle of row-major t. info = i+1 > 0: t_ii is exactly zero.
Napi::Value Dtrtrs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  lapack_int n, m;
  double *t, *b;
  if (!GetDim(info, 1, "n", &n) || !GetDim(info, 3, "m", &m) || !GetF64(info, 0, size_t(n) * n, "t", &t) ||
      !GetF64(info, 2, size_t(n) * m, "b", &b)) {
    return env.Null();
  }
  if (info.Length() <= 4 || !info[4].IsBoolean()) return ThrowType(env, "lower must be a boolean"), env.Null();
  bool lower = info[4].As<Napi::Boolean>().Value();
  Napi::Float64Array out = NewF64(env, size_t(n) * m);
  lapack_int res = 0;
  if (n > 0 && m > 0) {
    std::vector<double> x(size_t(n) * m);
    RowToCol(b, x.data(), n, m);
    // Row-major lower L = column-major upper Lᵀ: solve (Lᵀ)ᵀ X = B. Likewise for upper.
    res = LAPACKE_dtrtrs_work(LAPACK_COL_MAJOR, lower ? 'U' : 'L', 'T', 'N', n, m, t, n, x.data(), n);
    ColToRow(x.data(), out.Data(), n, m);
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("x", out);
  result.Set("info", Napi::Number::New(env, res));
  return result;
}

// dsyevd(a, n) → { values (ascending), vectors (n×n; vector k contiguous at [k*n, (k+1)*n)), info }
// a must be symmetric (the column-major lower = row-major upper triangle is read).
Napi::Value Dsyevd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  lapack_int n;
  double* a;
  if (!GetDim(info, 1, "n", &n) || !GetF64(info, 0, size_t(n) * n, "a", &a)) return env.Null();
  Napi::Float64Array vectors = NewF64(env, size_t(n) * n);
  Napi::Float64Array values = NewF64(env, size_t(n));
  std::memcpy(vectors.Data(), a, sizeof(double) * size_t(n) * n);
  lapack_int res = n > 0 ? LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'V', 'L', n, vectors.Data(), n, values.Data()) : 0;
  Napi::Object result = Napi::Object::New(env);
  result.Set("values", values);
  result.Set("vectors", vectors);
  result.Set("info", Napi::Number::New(env, res));
  return result;
}

// dgemm(a, r, k, b, c) → Float64Array: C = A B, row-major (r×k)(k×c).
Napi::Value Dgemm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  lapack_int r, k, c;
  double *a, *b;
  if (!GetDim(info, 1, "rows", &r) || !GetDim(info, 2, "inner", &k) || !GetDim(info, 4, "cols", &c) ||
      !GetF64(info, 0, size_t(r) * k, "a", &a) || !GetF64(info, 3, size_t(k) * c, "b", &b)) {
    return env.Null();
  }
  Napi::Float64Array out = NewF64(env, size_t(r) * c);  // zero-filled: right for k = 0
  if (r > 0 && c > 0 && k > 0) {
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, r, c, k, 1.0, a, k, b, c, 0.0, out.Data(), c);
  }
  return out;
}

// info() → { config, corename, threads }: what OpenBLAS was built for and runs with.
Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  result.Set("config", Napi::String::New(env, openblas_get_config()));
  result.Set("corename", Napi::String::New(env, openblas_get_corename()));
  result.Set("threads", Napi::Number::New(env, openblas_get_num_threads()));
  return result;
}

// setThreads(n): OpenBLAS's thread count for the whole process (the library is shared by every
// worker thread). The worker pool sets 1 while its workers call LAPACK concurrently.
Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) {
    ThrowType(env, "threads must be a number");
    return env.Undefined();
  }
  int n = static_cast<int>(info[0].As<Napi::Number>().Int32Value());
  if (n < 1) n = 1;
  openblas_set_num_threads(n);
  return Napi::Number::New(env, openblas_get_num_threads());
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("setThreads", Napi::Function::New(env, SetThreads, "setThreads"));
  exports.Set("dpotrf", Napi::Function::New(env, Dpotrf, "dpotrf"));
  exports.Set("dpotrs", Napi::Function::New(env, Dpotrs, "dpotrs"));
  exports.Set("dtrtrs", Napi::Function::New(env, Dtrtrs, "dtrtrs"));
  exports.Set("dsyevd", Napi::Function::New(env, Dsyevd, "dsyevd"));
  exports.Set("dgemm", Napi::Function::New(env, Dgemm, "dgemm"));
  exports.Set("info", Napi::Function::New(env, Info, "info"));
  return exports;
}

}  // namespace

NODE_API_MODULE(rgwb_linalg, Init)
