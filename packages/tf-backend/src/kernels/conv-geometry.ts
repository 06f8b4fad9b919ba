/** What the 2D gradient kernels need to know about a (dilation-1) NHWC convolution. */
export interface Conv2DGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outC: number;
  fh: number;
  fw: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
}

/** The fields tfjs's Conv2DInfo and Conv3DInfo share that the 2D kernels read. */
interface PlanarInfo {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padInfo: { top: number; left: number };
}

/** The planar (H, W) part of a conv info; a 3D convolution passes its frames as the batch and its stacked channels. */
export function planarGeometry(info: PlanarInfo, batch = info.batchSize, inC = info.inChannels): Conv2DGeometry {
  return {
    batch,
    inH: info.inHeight,
    inW: info.inWidth,
    inC,
    outC: info.outChannels,
    fh: info.filterHeight,
    fw: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}
