{
  "targets": [
    {
      "target_name": "rgwb_linalg",
      "sources": ["src/linalg.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS"],
      "cflags_cc": ["-O3", "-std=c++17"],
      "libraries": ["-llapacke", "-lopenblas"],
      "xcode_settings": {
        "OTHER_CPLUSPLUSFLAGS": ["-std=c++17", "-O3"]
      }
    }
  ]
}
