"""Generates resnet_tiny.pt / resnet_tiny.npz: a tiny torchvision-layout ResNet trunk (bottlenecks, stride on
the 3x3 conv, children 0..7 as METRO's nn.Sequential(*resnet.children()[:-2])) with random weights and
randomised BatchNorm statistics, plus one input and its eval-mode output (featmaps and pooled).
Run with Debian's python3-torch 1.13: /usr/bin/python3 make_resnet_tiny.py"""
import numpy as np
import torch
from torch import nn


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        width = planes
        self.conv1 = nn.Conv2d(inplanes, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride != 1 or inplanes != planes * 4:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes * 4, 1, stride, bias=False),
                                            nn.BatchNorm2d(planes * 4))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


def layer(inplanes, planes, blocks, stride):
    mods = [Bottleneck(inplanes, planes, stride)]
    mods += [Bottleneck(planes * 4, planes) for _ in range(1, blocks)]
    return nn.Sequential(*mods)


torch.manual_seed(7)
stem, planes, blocks = 8, [4, 8, 16, 32], [1, 2, 1, 1]
children = [nn.Conv2d(3, stem, 7, 2, 3, bias=False), nn.BatchNorm2d(stem), nn.ReLU(inplace=True),
            nn.MaxPool2d(3, 2, 1)]
inplanes = stem
for i, (p, b) in enumerate(zip(planes, blocks)):
    children.append(layer(inplanes, p, b, 1 if i == 0 else 2))
    inplanes = p * 4
net = nn.Sequential(*children)
for m in net.modules():
    if isinstance(m, nn.BatchNorm2d):
        m.weight.data.uniform_(0.5, 1.5)
        m.bias.data.uniform_(-0.2, 0.2)
        m.running_mean.uniform_(-0.3, 0.3)
        m.running_var.uniform_(0.5, 2.0)
net.eval()
x = torch.randn(2, 3, 64, 64)
with torch.no_grad():
    y = net(x)
torch.save({'backbone.' + k: v for k, v in net.state_dict().items()}, 'resnet_tiny.pt')
np.savez('resnet_tiny.npz', input=x.numpy(), featmaps=y.numpy(), pooled=y.mean(dim=(2, 3)).numpy())
print(y.shape)
