<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Canvas</name>
    <message>
        <location filename="../canvas.py" line="213"/>
        <source>Draw a digit here, or several side by side</source>
        <translation>在这里写一个数字，或并排写几个</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../file_actions.py" line="33"/>
        <source>Open image</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="34"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="41"/>
        <source>Opening %1...</source>
        <translation>正在打开 %1...</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="46"/>
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="47"/>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图片。</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="66"/>
        <source>Nothing to save: the canvas is empty.</source>
        <translation>没有可保存的内容：画布是空的。</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="68"/>
        <location filename="../file_actions.py" line="80"/>
        <source>Save drawing</source>
        <translation>保存绘图</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="69"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="78"/>
        <location filename="../file_actions.py" line="112"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="81"/>
        <source>Could not save %1: check the folder exists and is writable.</source>
        <translation>无法保存 %1：请检查文件夹是否存在且可写。</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="87"/>
        <source>Nothing to copy: no digit read yet.</source>
        <translation>没有可复制的：还没有识别出数字。</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="91"/>
        <source>Copied %1</source>
        <translation>已复制 %1</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="95"/>
        <source>Nothing to save: no digit read yet.</source>
        <translation>没有可保存的：还没有识别出数字。</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="98"/>
        <location filename="../file_actions.py" line="109"/>
        <source>Save the reading</source>
        <translation>保存识别结果</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="99"/>
        <source>JSON (*.json);;CSV, a row per digit (*.csv)</source>
        <translation>JSON (*.json);;CSV，每个数字一行 (*.csv)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="110"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="144"/>
        <source>digitpad: handwritten digit recognition</source>
        <translation>digitpad：手写数字识别</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="145"/>
        <source>Pen width</source>
        <translation>笔宽</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="265"/>
        <source>Pen width: %1 px</source>
        <translation>笔宽：%1 像素</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="147"/>
        <source>Reset to bundled model</source>
        <translation>恢复为内置模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="235"/>
        <source>Loading model...</source>
        <translation>正在加载模型...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="179"/>
        <source>The model could not be loaded: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187"/>
        <source>Draw or open a digit first.</source>
        <translation>请先写一个数字或打开一张图片。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="235"/>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="236"/>
        <source>No digit found in this image</source>
        <translation>图片中没有找到数字</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="236"/>
        <source>Draw a digit</source>
        <translation>请写一个数字</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="274"/>
        <source>dropped image</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="282"/>
        <source>%1: press Esc to go back to drawing</source>
        <translation>%1：按 Esc 返回绘图</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="289"/>
        <source>Cannot open image</source>
        <translation>无法打开图片</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../menus.py" line="111"/>
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="111"/>
        <source>Close &amp;photo</source>
        <translation>关闭照片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="116"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="117"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="118"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="119"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="120"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="121"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="122"/>
        <source>&amp;Open image...</source>
        <translation>打开图片(&amp;O)...</translation>
    </message>
    <message>
        <location filename="../menus.py" line="123"/>
        <source>&amp;Save drawing...</source>
        <translation>保存绘图(&amp;S)...</translation>
    </message>
    <message>
        <location filename="../menus.py" line="124"/>
        <source>Save the &amp;reading...</source>
        <translation>保存识别结果(&amp;R)...</translation>
    </message>
    <message>
        <location filename="../menus.py" line="125"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="126"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="127"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="128"/>
        <source>&amp;Copy the number</source>
        <translation>复制数字(&amp;C)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="129"/>
        <source>&amp;Paste image</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="130"/>
        <source>&amp;Thinner pen</source>
        <translation>笔变细(&amp;T)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="131"/>
        <source>T&amp;hicker pen</source>
        <translation>笔变粗(&amp;H)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="132"/>
        <source>&amp;Retrain...</source>
        <translation>重新训练(&amp;R)...</translation>
    </message>
    <message>
        <location filename="../menus.py" line="133"/>
        <source>&amp;Fine-tune on my samples...</source>
        <translation>用我的样本微调(&amp;F)...</translation>
    </message>
    <message>
        <location filename="../menus.py" line="134"/>
        <source>My &amp;samples...</source>
        <translation>我的样本(&amp;S)...</translation>
    </message>
    <message>
        <location filename="../menus.py" line="135"/>
        <source>&amp;Load model...</source>
        <translation>加载模型(&amp;L)...</translation>
    </message>
    <message>
        <location filename="../menus.py" line="136"/>
        <source>Reset to &amp;bundled model</source>
        <translation>恢复为内置模型(&amp;B)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="137"/>
        <source>&amp;How it works, step by step</source>
        <translation>工作原理，一步一步(&amp;H)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="138"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="139"/>
        <source>&amp;About digitpad</source>
        <translation>关于 digitpad(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ModelControl</name>
    <message>
        <location filename="../model_control.py" line="43"/>
        <source>Loading model...</source>
        <translation>正在加载模型...</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="50"/>
        <source>Model ready: %1, %2 on the MNIST test set</source>
        <translation>模型已就绪：%1，MNIST 测试集准确率 %2</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="54"/>
        <source>Model ready</source>
        <translation>模型已就绪</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="61"/>
        <location filename="../model_control.py" line="119"/>
        <location filename="../model_control.py" line="180"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="62"/>
        <source>Your saved model could not be loaded (%1). digitpad uses the bundled model instead; the damaged one is kept in the data folder.</source>
        <translation>无法加载你保存的模型（%1）。digitpad 改用内置模型；损坏的模型仍保留在数据文件夹中。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="65"/>
        <source>No model: drawing still works, predictions are off.</source>
        <translation>没有模型：仍可绘图，但不会进行识别。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="82"/>
        <source>The new model cannot be used (%1). The model in use is unchanged.</source>
        <translation>新模型无法使用（%1）。当前使用的模型保持不变。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="87"/>
        <source>The new model could not be saved (%1). The model in use is unchanged.</source>
        <translation>无法保存新模型（%1）。当前模型保持不变。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="100"/>
        <source>Your model, saved by an earlier digitpad, is being converted; the bundled model reads meanwhile.</source>
        <translation>你的模型由较早版本的 digitpad 保存，正在转换；转换期间使用内置模型识别。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="104"/>
        <source>Load model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="105"/>
        <source>Models (*.keras *.tflite)</source>
        <translation>模型 (*.keras *.tflite)</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="120"/>
        <source>%1 is not a model digitpad can use: it runs .tflite exports, and converts .keras models (Keras 3). The model in use is unchanged.</source>
        <translation>%1 不是 digitpad 能用的模型：它运行 .tflite 导出文件，并可转换 .keras 模型（Keras 3）。正在使用的模型未改变。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="130"/>
        <source>Fine-tune on my samples</source>
        <translation>用我的样本微调</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="131"/>
        <source>Teach digitpad at least 5 samples first: draw a digit, then click the right digit after &quot;That&apos;s a:&quot;. You have %1.</source>
        <translation>请先教 digitpad 至少 5 个样本：写一个数字，然后在“其实是：”后面点正确的数字。你现在有 %1 个。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="157"/>
        <source>My samples</source>
        <translation>我的样本</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="158"/>
        <source>The sample could not be saved (%1). Your other samples are safe.</source>
        <translation>无法保存该样本（%1）。你的其他样本不受影响。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="160"/>
        <source>Saved as %1: %2 samples of your handwriting.</source>
        <translation>已保存为 %1：共有 %2 个你的笔迹样本。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="168"/>
        <source>Model: %1 (%2 parameters), %3 on the MNIST test set.</source>
        <translation>模型：%1（%2 个参数），MNIST 测试集准确率 %3。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="171"/>
        <source>No model card found.</source>
        <translation>没有找到模型说明。</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="172"/>
        <source>About digitpad</source>
        <translation>关于 digitpad</translation>
    </message>
    <message>
        <location filename="../model_control.py" line="173"/>
        <source>digitpad %1
Draw a digit and watch a neural network recognise it.</source>
        <translation>digitpad %1
写一个数字，看神经网络如何识别它。</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../result_panel.py" line="119"/>
        <source>%1% sure</source>
        <translation>把握 %1%</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="122"/>
        <source>Not sure: %1 or %2?</source>
        <translation>不确定：%1 还是 %2？</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="128"/>
        <source>Number:</source>
        <translation>数字串：</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="129"/>
        <source>That&apos;s a:</source>
        <translation>其实是：</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="130"/>
        <source>Wrong answer? Say what the digit really is: digitpad keeps it to learn your handwriting.</source>
        <translation>识别错了？告诉它正确的数字：digitpad 会保存下来学习你的笔迹。</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="132"/>
        <source>What the model sees
(28 x 28 pixels)</source>
        <translation>模型看到的图像
（28 x 28 像素）</translation>
    </message>
</context>
<context>
    <name>SamplesDialog</name>
    <message>
        <location filename="../samples_dialog.py" line="32"/>
        <location filename="../samples_dialog.py" line="93"/>
        <source>My samples</source>
        <translation>我的样本</translation>
    </message>
    <message>
        <location filename="../samples_dialog.py" line="43"/>
        <source>Relabel as</source>
        <translation>改标为</translation>
    </message>
    <message>
        <location filename="../samples_dialog.py" line="46"/>
        <source>Delete selected...</source>
        <translation>删除所选...</translation>
    </message>
    <message>
        <location filename="../samples_dialog.py" line="50"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../samples_dialog.py" line="78"/>
        <source>%1 samples</source>
        <translation>%1 个样本</translation>
    </message>
    <message>
        <location filename="../samples_dialog.py" line="101"/>
        <source>Delete %1 selected samples?</source>
        <translation>删除所选的 %1 个样本？</translation>
    </message>
    <message>
        <location filename="../samples_dialog.py" line="102"/>
        <source>Delete samples</source>
        <translation>删除样本</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../shortcuts.py" line="17"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="19"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="20"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <location filename="../steps_dialog.py" line="18"/>
        <source>1. The ink, white on black, whatever colour the paper was</source>
        <translation>1. 笔迹：黑底白字，不论纸是什么颜色</translation>
    </message>
    <message>
        <location filename="../steps_dialog.py" line="20"/>
        <source>2. Cut to the ink, longest side 40 px: strokes %1 px wide</source>
        <translation>2. 裁到笔迹，长边 40 像素：笔画宽 %1 像素</translation>
    </message>
    <message>
        <location filename="../steps_dialog.py" line="22"/>
        <source>3. Strokes brought to MNIST&apos;s width: %1 px</source>
        <translation>3. 笔画调整到 MNIST 的粗细：%1 像素</translation>
    </message>
    <message>
        <location filename="../steps_dialog.py" line="24"/>
        <source>4. Shrunk to fit 20 x 20 px</source>
        <translation>4. 缩小到 20 x 20 像素以内</translation>
    </message>
    <message>
        <location filename="../steps_dialog.py" line="26"/>
        <source>5. Placed in 28 x 28 by its centre of mass: what the model sees</source>
        <translation>5. 按质心放入 28 x 28：模型看到的图像</translation>
    </message>
    <message>
        <location filename="../steps_dialog.py" line="34"/>
        <source>How it works</source>
        <translation>工作原理</translation>
    </message>
    <message>
        <location filename="../steps_dialog.py" line="51"/>
        <source>Draw a digit first: there is no ink.</source>
        <translation>请先写一个数字：还没有笔迹。</translation>
    </message>
</context>
<context>
    <name>TrainingCurves</name>
    <message>
        <location filename="../curves.py" line="57"/>
        <source>1 epoch</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <location filename="../curves.py" line="57"/>
        <source>%1 epochs</source>
        <translation>%1 轮</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <location filename="../training_dialog.py" line="72"/>
        <source>Fine-tune on my samples</source>
        <translation>用我的样本微调</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="73"/>
        <source>Import a model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="74"/>
        <source>Retrain the model</source>
        <translation>重新训练模型</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="91"/>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="96"/>
        <source>MNIST folder:</source>
        <translation>MNIST 文件夹：</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="102"/>
        <source>Include my %1 samples</source>
        <translation>包含我的 %1 个样本</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="103"/>
        <source>No samples of my handwriting yet (teach some with &quot;That&apos;s a:&quot;)</source>
        <translation>还没有我的笔迹样本（用“其实是：”教它）</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="107"/>
        <source>Recipe:</source>
        <translation>方案：</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="108"/>
        <source>Architecture:</source>
        <translation>网络结构：</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="109"/>
        <source>Epochs:</source>
        <translation>训练轮数：</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="114"/>
        <source>%1 samples of your handwriting. MNIST, if found, is mixed in so the model does not forget other people&apos;s digits.</source>
        <translation>你的笔迹样本共 %1 个。如果找到 MNIST，会混入其中，使模型不会忘记别人写的数字。</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="117"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="120"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="137"/>
        <source>Starting TensorFlow...</source>
        <translation>正在启动 TensorFlow...</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="140"/>
        <source>blue: training, orange: validation</source>
        <translation>蓝色：训练集，橙色：验证集</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="141"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="161"/>
        <source>Quick</source>
        <translation>快速</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="161"/>
        <source>Full: the bundled model&apos;s recipe</source>
        <translation>完整：内置模型的训练方案</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="162"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="208"/>
        <source>The bundled model&apos;s network</source>
        <translation>随附模型的网络</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="209"/>
        <source>Convolutions with pooling and a dense layer: three times the weights</source>
        <translation>卷积加池化，再接全连接层：权重是三倍</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="210"/>
        <source>A small convolutional network, three times quicker</source>
        <translation>小型卷积网络，快三倍</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="211"/>
        <source>Dense layers only: the quickest, blind to where strokes are</source>
        <translation>只有全连接层：最快，但看不出笔画的位置</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="214"/>
        <source>one run</source>
        <translation>一次运行</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="215"/>
        <source>the slowest and the lowest of %1 runs</source>
        <translation>%1 次运行中最慢的时间和最低的准确率</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="217"/>
        <source>%1 (%2 weights), %3 epochs. Measured on a 2-core computer: %4 from Start to the result and %5 on the MNIST test set (%6).</source>
        <translation>%1（%2 个权重），%3 轮。在双核电脑上实测：从点击开始到得到结果 %4，MNIST 测试集准确率 %5（%6）。</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="223"/>
        <source>%1 (%2 weights). About %3 min for %4 epochs on a 2-core computer, plus a minute to test and export.</source>
        <translation>%1（%2 个权重）。在双核电脑上 %4 轮约需 %3 分钟，另加约一分钟测试和导出。</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="234"/>
        <source>MNIST folder</source>
        <translation>MNIST 文件夹</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="244"/>
        <source>MNIST found.</source>
        <translation>已找到 MNIST。</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="247"/>
        <source>No MNIST here. Pick the folder holding train-images-idx3-ubyte.gz and the three other MNIST files (or a mnist.npz), or set %1.</source>
        <translation>这里没有 MNIST。请选择包含 train-images-idx3-ubyte.gz 及其他三个 MNIST 文件（或 mnist.npz）的文件夹，或设置 %1。</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="289"/>
        <source>Cancelling...</source>
        <translation>正在取消...</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="303"/>
        <source>Testing the new model on the MNIST test set and exporting it...</source>
        <translation>正在用 MNIST 测试集测试新模型并导出...</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="305"/>
        <source>Epoch %1 of %2, batch %3 of %4, about %5 left</source>
        <translation>第 %1/%2 轮，第 %3/%4 批，约剩 %5</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="330"/>
        <source>The last run failed: the model in use is unchanged.</source>
        <translation>上次训练失败：当前使用的模型没有改变。</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="332"/>
        <source>Training stopped: %1

The model in use is unchanged.</source>
        <translation>训练已停止：%1

当前模型保持不变。</translation>
    </message>
    <message>
        <location filename="../training_dialog.py" line="340"/>
        <source>Cancelled: the model in use is unchanged.</source>
        <translation>已取消：当前模型保持不变。</translation>
    </message>
</context>
<context>
    <name>TrainingOutcome</name>
    <message>
        <location filename="../training_outcome.py" line="57"/>
        <source>Use the new model</source>
        <translation>使用新模型</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="58"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="92"/>
        <source>New model: %1 on the MNIST test set. Model in use: %2.</source>
        <translation>新模型：MNIST 测试集准确率 %1。当前模型：%2。</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="96"/>
        <source>The new model reads fewer test digits right than the one in use: keeping the one in use (Discard) is the better choice.</source>
        <translation>新模型在测试集上认对的数字比当前模型少：保留当前模型（放弃）更好。</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="104"/>
        <source>On your held-out samples (%1): %2 before, %3 after.</source>
        <translation>在你预留的样本（%1 个）上：之前 %2，之后 %3。</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="108"/>
        <source>Too few samples to hold some back and measure the gain fairly (a fifth is held back: teach %1 or more).</source>
        <translation>样本太少，无法预留一部分来公平衡量提升（预留五分之一：请教它 %1 个或更多）。</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="111"/>
        <source>On the first %1 MNIST test digits: %2 before, %3 after.</source>
        <translation>在前 %1 个 MNIST 测试数字上：之前 %2，之后 %3。</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="114"/>
        <source>Fine-tuning took %1.</source>
        <translation>微调用时 %1。</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="41"/>
        <location filename="../training_outcome.py" line="121"/>
        <source>In use</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="41"/>
        <location filename="../training_outcome.py" line="121"/>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="42"/>
        <source>Confusion matrices on the MNIST test set (rows: true digit, columns: read as). Marked: the mistakes that changed most, orange where the new model makes more, green fewer.</source>
        <translation>MNIST 测试集上的混淆矩阵（行：真实数字，列：识别结果）。标出的是变化最大的错误：橙色表示新模型错得更多，绿色表示更少。</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="136"/>
        <source>%1 read as %2 (+%3 points)</source>
        <translation>%1 被认成 %2（+%3 个百分点）</translation>
    </message>
    <message>
        <location filename="../training_outcome.py" line="140"/>
        <source>Mistakes that grew most against the model in use (marked): %1.</source>
        <translation>比当前模型增加最多的错误（已标出）：%1。</translation>
    </message>
</context>
</TS>
