#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>

// FFmpeg 6.1 moved a stream's side data (the display matrix among it) from AVStream to
// AVCodecParameters; these two keep the rest of FaceGuard the same on 5.1 and later releases.

// The stream's display matrix (nine int32 values), or NULL when it has none.
static inline const int32_t *fg_stream_display_matrix(const AVStream *stream) {
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
  const AVPacketSideData *side = av_packet_side_data_get(
      stream->codecpar->coded_side_data, stream->codecpar->nb_coded_side_data,
      AV_PKT_DATA_DISPLAYMATRIX);
  return side && side->size >= 9 * sizeof(int32_t) ? (const int32_t *)side->data : NULL;
#else
  size_t size = 0;
  const uint8_t *data = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
  return data && size >= 9 * sizeof(int32_t) ? (const int32_t *)data : NULL;
#endif
}

// Gives the stream a copy of the display matrix `matrix`; 0 on success, a negative AVERROR else.
static inline int fg_stream_set_display_matrix(AVStream *stream, const int32_t *matrix) {
  uint8_t *copy = av_memdup(matrix, 9 * sizeof(int32_t));
  if (!copy) return AVERROR(ENOMEM);
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
  if (!av_packet_side_data_add(&stream->codecpar->coded_side_data,
                               &stream->codecpar->nb_coded_side_data, AV_PKT_DATA_DISPLAYMATRIX,
                               copy, 9 * sizeof(int32_t), 0)) {
    av_free(copy);
    return AVERROR(ENOMEM);
  }
  return 0;
#else
  int result = av_stream_add_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, copy,
                                       9 * sizeof(int32_t));
  if (result < 0) av_free(copy);
  return result;
#endif
}

// AVERROR(EAGAIN) and AVERROR_EOF, which Swift cannot import as macros.
static const int FG_AVERROR_EAGAIN = AVERROR(EAGAIN);
static const int FG_AVERROR_EOF = AVERROR_EOF;
