"""The ;-joined cells of the events table are read one way everywhere."""
import math

from analysis.joined import split_joined


def test_split_joined():
    assert split_joined("Alibaba;Tencent") == ["Alibaba", "Tencent"]
    assert split_joined(" Alibaba ; ;JD ") == ["Alibaba", "JD"]
    assert split_joined("") == [] and split_joined(None) == [] and split_joined(math.nan) == []
    assert split_joined(("PDD", " ", "Meituan")) == ["PDD", "Meituan"]
